import { readFileSync } from "node:fs";
import path from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeApiKey, makeComponent, makeStaff } from "../../tests/support/factories.ts";
import type { ApiKeyActor, StaffActor } from "../auth/actor.ts";
import { setComponentStatus } from "../components/set-component-status.ts";
import type { Db } from "../db/client.ts";
import { ForbiddenError, InvalidError } from "../errors.ts";
import { startJobQueue } from "../jobs/queue.ts";
import { saveTemplate } from "../templates/save-template.ts";
import { deleteAlertMapping } from "./delete-alert-mapping.ts";
import { receiveAlerts } from "./receive-alerts.ts";
import { releaseAlertHold } from "./release-alert-hold.ts";
import { saveAlertMapping } from "./save-alert-mapping.ts";
import type { ALERT_STATUSES } from "./schemas.ts";
import { startAlertWorkers } from "./workers.ts";

let db: Db;
let url: string;
let boss: PgBoss;
let stopWorkers: () => Promise<void>;
let admin: StaffActor;
let key: ApiKeyActor;
let counter = 0;

beforeAll(async () => {
  ({ db, url } = await ownDatabase());
  await db.pageSettings.create({ data: { id: 1, name: "Acme", timeZone: "UTC" } });
  admin = await makeStaff(db, { role: "admin" });
  key = await makeApiKey(db, { name: "Alertmanager", scopes: ["components"] });
  boss = await startJobQueue(url);
  stopWorkers = await startAlertWorkers({ db, boss, pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await stopWorkers?.();
  await boss?.stop({ graceful: false, wait: true });
});

/** A component and a mapping to it from alerts labelled service=<unique>. */
async function mapped(
  options: { status?: (typeof ALERT_STATUSES)[number]; hold?: number; templateId?: string; severity?: string } = {},
) {
  const service = `svc-${++counter}-${Date.now().toString(36)}`;
  const component = await makeComponent(db);
  const severity = options.severity ? `, severity="${options.severity}"` : "";
  const mapping = await saveAlertMapping({
    db,
    actor: admin,
    input: {
      name: `Map ${service}`,
      matchers: `service="${service}"${severity}`,
      componentId: component.id,
      status: options.status ?? "major_outage",
      minHoldSeconds: options.hold ?? 0,
      templateId: options.templateId ?? null,
    },
  });
  return { service, component, mappingId: mapping.id };
}

const STARTS = "2026-11-30T10:00:00Z";
type AlertSpec = {
  service: string;
  fingerprint?: string;
  startsAt?: string;
  endsAt?: string;
  severity?: string;
  status?: string;
};

/** An Alertmanager (version 4) webhook body. */
function webhook(...alerts: AlertSpec[]) {
  return {
    version: "4",
    status: alerts.some((alert) => alert.status !== "resolved") ? "firing" : "resolved",
    receiver: "upstate",
    groupKey: "{}:{}",
    alerts: alerts.map((alert) => ({
      status: alert.status ?? "firing",
      labels: { alertname: "Down", service: alert.service, severity: alert.severity ?? "critical" },
      annotations: { summary: `${alert.service} is down` },
      startsAt: alert.startsAt ?? STARTS,
      endsAt: alert.endsAt ?? "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.example.com/graph",
      fingerprint: alert.fingerprint ?? `fp-${alert.service}-${alert.severity ?? "critical"}`,
    })),
  };
}
const resolved = (alert: AlertSpec): AlertSpec => ({ ...alert, status: "resolved", endsAt: "2026-11-30T10:05:00Z" });
const send = (body: unknown, source: "alertmanager" | "grafana" = "alertmanager") =>
  receiveAlerts({ db, actor: key, input: { source, body } });

const statusOf = async (componentId: string) =>
  (await db.component.findUniqueOrThrow({ where: { id: componentId }, select: { status: true } })).status;
const historyOf = async (componentId: string) =>
  (await db.componentStatusChange.findMany({ where: { componentId }, orderBy: { id: "asc" } })).map((change) => change.status);

async function eventually<T>(read: () => Promise<T>, wanted: T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value !== wanted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

describe("alerts from Alertmanager and Grafana", () => {
  it("a firing alert sets its mapping's status, written as the API key; resolving returns the component to operational", async () => {
    const { service, component } = await mapped({ status: "partial_outage" });
    const result = await send(webhook({ service }));
    expect(result.components).toEqual([{ componentId: component.id, result: "set" }]);
    expect(await statusOf(component.id)).toBe("partial_outage");
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: component.id, action: "component.status_set" } });
    expect(audit).toMatchObject({ apiKeyId: key.id, actorId: null, after: { status: "partial_outage" } });
    // Subscribers hear about it like any status change.
    expect(await db.notification.count({ where: { componentId: component.id, kind: "component" } })).toBe(1);

    await send(webhook(resolved({ service })));
    expect(await statusOf(component.id)).toBe("operational");
    expect(await historyOf(component.id)).toEqual(["partial_outage", "operational"]);
  });

  it("re-sent and late webhooks change nothing twice (one spell per fingerprint and startsAt)", async () => {
    const { service, component } = await mapped();
    await send(webhook({ service }));
    await send(webhook({ service }));
    expect(await historyOf(component.id)).toEqual(["major_outage"]);
    await send(webhook(resolved({ service })));
    await send(webhook(resolved({ service })));
    // The firing notice Alertmanager sent before the resolution, arriving after it.
    await send(webhook({ service }));
    expect(await statusOf(component.id)).toBe("operational");
    expect(await historyOf(component.id)).toEqual(["major_outage", "operational"]);
    // The same alert firing again is a new spell (a new startsAt).
    await send(webhook({ service, startsAt: "2026-11-30T11:00:00Z" }));
    expect(await statusOf(component.id)).toBe("major_outage");
  });

  it("forgets resolved alerts after a week, and keeps firing ones however old", async () => {
    const old = new Date(Date.now() - 8 * 86_400_000);
    const row = { source: "alertmanager", labels: {}, annotations: {}, startsAt: old };
    await db.receivedAlert.create({ data: { ...row, fingerprint: "old-resolved", resolvedAt: old } });
    await db.receivedAlert.create({ data: { ...row, fingerprint: "old-firing" } });
    await send(webhook({ service: "nothing-maps-this" }));
    const left = await db.receivedAlert.findMany({ where: { fingerprint: { startsWith: "old-" } } });
    expect(left.map((alert) => alert.fingerprint)).toEqual(["old-firing"]);
    await db.receivedAlert.deleteMany({ where: { fingerprint: "old-firing" } });
  });

  it("the worst status of the mappings that fire wins, and the component follows as they resolve one by one", async () => {
    const { service, component } = await mapped({ status: "degraded_performance", severity: "warning" });
    await saveAlertMapping({
      db,
      actor: admin,
      input: {
        name: "critical",
        matchers: `service="${service}", severity="critical"`,
        componentId: component.id,
        status: "major_outage",
        minHoldSeconds: 0,
      },
    });
    await send(webhook({ service, severity: "warning" }));
    expect(await statusOf(component.id)).toBe("degraded_performance");
    await send(webhook({ service, severity: "critical" }));
    expect(await statusOf(component.id)).toBe("major_outage");
    await send(webhook(resolved({ service, severity: "critical" })));
    expect(await statusOf(component.id)).toBe("degraded_performance");
    await send(webhook(resolved({ service, severity: "warning" })));
    expect(await statusOf(component.id)).toBe("operational");
  });

  it("holds the status for the minimum hold after the alert set it, then a job returns it exactly once", async () => {
    const { service, component } = await mapped({ hold: 2 });
    await send(webhook({ service }));
    const setAt = (await db.componentAlertState.findUniqueOrThrow({ where: { componentId: component.id } })).appliedAt!;
    const result = await send(webhook(resolved({ service })));
    expect(result.components[0]?.result).toBe("held");
    expect(await statusOf(component.id)).toBe("major_outage");
    const state = await db.componentAlertState.findUniqueOrThrow({ where: { componentId: component.id } });
    expect(state.releaseAt?.getTime()).toBe(setAt.getTime() + 2000);

    // A second instance's worker (or a retry) running the same release at once changes nothing more.
    const job = { componentId: component.id, releaseAt: state.releaseAt!.toISOString() };
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, state.releaseAt!.getTime() - Date.now()) + 50));
    await Promise.all([releaseAlertHold(db, job), releaseAlertHold(db, job)]);
    expect(await eventually(() => statusOf(component.id), "operational")).toBe("operational");
    const changes = await db.componentStatusChange.findMany({ where: { componentId: component.id }, orderBy: { id: "asc" } });
    expect(changes.map((change) => change.status)).toEqual(["major_outage", "operational"]);
    expect(changes[1]!.at.getTime()).toBeGreaterThanOrEqual(setAt.getTime() + 2000);
  });

  it("the release job alone brings the component back after the hold (as on a restarted server)", async () => {
    const { service, component } = await mapped({ hold: 1 });
    await send(webhook({ service }));
    await send(webhook(resolved({ service })));
    expect(await statusOf(component.id)).toBe("major_outage");
    expect(await eventually(() => statusOf(component.id), "operational")).toBe("operational");
    expect(await historyOf(component.id)).toEqual(["major_outage", "operational"]);
  });

  it("an alert that fires again within the hold keeps the status, and the old release does nothing", async () => {
    const { service, component } = await mapped({ hold: 1 });
    await send(webhook({ service }));
    await send(webhook(resolved({ service })));
    const held = await db.componentAlertState.findUniqueOrThrow({ where: { componentId: component.id } });
    await send(webhook({ service, startsAt: "2026-11-30T12:00:00Z" }));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, held.releaseAt!.getTime() - Date.now()) + 50));
    expect(await releaseAlertHold(db, { componentId: component.id, releaseAt: held.releaseAt!.toISOString() })).toBe("unchanged");
    expect(await statusOf(component.id)).toBe("major_outage");
  });

  it("staff changing the status win over the alerts until every alert resolves", async () => {
    const { service, component } = await mapped();
    await send(webhook({ service }));
    await setComponentStatus({ db, actor: admin, input: { componentId: component.id, status: "degraded_performance" } });
    // Alertmanager re-sends, and another alert for it fires: staff's status stands.
    const again = await send(webhook({ service }, { service, fingerprint: "other" }));
    expect(again.components[0]?.result).toBe("overridden");
    expect(await statusOf(component.id)).toBe("degraded_performance");
    expect(
      (await db.componentAlertState.findUniqueOrThrow({ where: { componentId: component.id } })).overriddenAt,
    ).not.toBeNull();

    const done = await send(webhook(resolved({ service }), resolved({ service, fingerprint: "other" })));
    expect(done.components[0]?.result).toBe("left-to-staff");
    expect(await statusOf(component.id)).toBe("degraded_performance");
    const state = await db.componentAlertState.findUniqueOrThrow({ where: { componentId: component.id } });
    expect([state.overriddenAt, state.appliedStatus]).toEqual([null, null]);

    // The next spell is the alerts' again.
    await send(webhook({ service, startsAt: "2026-11-30T13:00:00Z" }));
    expect(await statusOf(component.id)).toBe("major_outage");
  });

  it("opens exactly one incident from the mapping's template per spell, marked as opened by an alert", async () => {
    const template = await saveTemplate({
      db,
      actor: admin,
      input: {
        name: "Auth down",
        title: "Sign-in is failing",
        status: "investigating",
        body: "We are looking into failed sign-ins.",
      },
    });
    const { service, component } = await mapped({ templateId: template.id });
    await Promise.all([send(webhook({ service })), send(webhook({ service }))]);
    await send(webhook({ service }));
    const opened = await eventually(async () => db.alertIncident.count({ where: { componentId: component.id } }), 1);
    expect(opened).toBe(1);
    const link = await db.alertIncident.findFirstOrThrow({ where: { componentId: component.id } });
    const incident = await db.incident.findUniqueOrThrow({ where: { id: link.incidentId }, include: { components: true } });
    expect(incident).toMatchObject({ name: "Sign-in is failing", status: "investigating" });
    expect(incident.components.map((affected) => affected.componentId)).toEqual([component.id]);
    expect(await db.incident.count({ where: { name: "Sign-in is failing" } })).toBe(1);
    // The component's status was the alert's already: opening the incident changed nothing more.
    expect(await historyOf(component.id)).toEqual(["major_outage"]);
  });

  it("without a template, alerts never open an incident", async () => {
    const before = await db.incident.count();
    const { service } = await mapped();
    await send(webhook({ service }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await db.incident.count()).toBe(before);
  });

  it("reads Grafana's recorded webhook body", async () => {
    const component = await makeComponent(db);
    await saveAlertMapping({
      db,
      actor: admin,
      input: {
        name: "AuthKit (Grafana)",
        matchers: 'service="authkit", grafana_folder="Production", severity=~"critical|page"',
        componentId: component.id,
        status: "partial_outage",
        minHoldSeconds: 0,
      },
    });
    const body = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../tests/fixtures/grafana/webhook-firing.json"), "utf8"),
    );
    await send(body, "grafana");
    expect(await statusOf(component.id)).toBe("partial_outage");
    const resolvedBody = {
      ...body,
      status: "resolved",
      alerts: body.alerts.map((alert: object) => ({ ...alert, status: "resolved" })),
    };
    await send(resolvedBody, "grafana");
    expect(await statusOf(component.id)).toBe("operational");
  });

  it("deleting a mapping gives its component back", async () => {
    const { service, component, mappingId } = await mapped();
    await send(webhook({ service }));
    await deleteAlertMapping({ db, actor: admin, input: { mappingId } });
    expect(await statusOf(component.id)).toBe("operational");
  });

  it("a key without the components scope, or revoked, changes nothing", async () => {
    const { service, component } = await mapped();
    const reader = await makeApiKey(db, { name: "reader", scopes: ["read"] });
    await expect(
      receiveAlerts({ db, actor: reader, input: { source: "alertmanager", body: webhook({ service }) } }),
    ).rejects.toThrow(ForbiddenError);
    const old = await makeApiKey(db, { name: "old", scopes: ["components"], revoked: true });
    await expect(
      receiveAlerts({ db, actor: old, input: { source: "alertmanager", body: webhook({ service }) } }),
    ).rejects.toThrow(ForbiddenError);
    expect(await statusOf(component.id)).toBe("operational");
    expect(await db.receivedAlert.count({ where: { fingerprint: `fp-${service}-critical` } })).toBe(0);
  });

  it("mappings are for admins, and a bad matcher is named", async () => {
    const editor = await makeStaff(db, { role: "editor" });
    const component = await makeComponent(db);
    const input = {
      name: "x",
      matchers: 'service="x"',
      componentId: component.id,
      status: "major_outage" as const,
      minHoldSeconds: 0,
    };
    await expect(saveAlertMapping({ db, actor: editor, input })).rejects.toThrow(ForbiddenError);
    const error = await saveAlertMapping({ db, actor: admin, input: { ...input, matchers: 'env=~"(a+)+"' } }).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).fieldErrors.matchers).toMatch(/Nested repetition/);
    const hold = await saveAlertMapping({ db, actor: admin, input: { ...input, minHoldSeconds: -1 } }).catch((caught) => caught);
    expect((hold as InvalidError).fieldErrors.minHoldSeconds).toMatch(/negative/);
  });
});
