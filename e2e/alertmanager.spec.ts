import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { saveAlertMapping } from "../lib/alerts/save-alert-mapping.ts";
import { createApiKey } from "../lib/api-keys/create-api-key.ts";
import { setComponentStatus } from "../lib/components/set-component-status.ts";
import { freePort } from "../lib/db/embedded.ts";
import type { ComponentStatus } from "../lib/domain.ts";
import { resolveIncident } from "../lib/incidents/resolve-incident.ts";
import { saveTemplate } from "../lib/templates/save-template.ts";
import { LAST_ON_PAGE, makeComponent, makeStaff } from "../tests/support/factories.ts";
import { waitForServer } from "../tests/support/wait-for-server.ts";
import { ADMIN, signIn } from "./admin-support.ts";
import { withDb } from "./security-support.ts";

// The real Prometheus Alertmanager (Debian's prometheus-alertmanager, installed by .ci/run) sends
// its webhooks to the running Upstate: alerts are posted to Alertmanager's own API, and the
// component's status is read back from the public API and page.

const ALERTMANAGER = "/usr/bin/prometheus-alertmanager";
const required = process.env.CI === "true" || process.env.REQUIRE_BROWSER_TESTS === "1";
const found = existsSync(ALERTMANAGER);
if (!found && required) {
  throw new Error(`Alertmanager is not installed (${ALERTMANAGER}): apt-get install -y prometheus-alertmanager (.ci/run does).`);
}
if (!found) {
  console.error(`!! e2e/alertmanager.spec.ts SKIPPED: no ${ALERTMANAGER} (apt-get install -y prometheus-alertmanager).`);
}
test.skip(!found, "needs prometheus-alertmanager");
test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
test.describe.configure({ mode: "serial", timeout: 120_000 });

const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const names = {
  plain: `Alerted API ${stamp}`,
  override: `Overridden API ${stamp}`,
  hold: `Held API ${stamp}`,
  incident: `Incident API ${stamp}`,
};
const HOLD_SECONDS = 10;
const INCIDENT_TITLE = `Checkout is failing ${stamp}`;

let alertmanager: ChildProcess | undefined;
let alertmanagerUrl = "";
let dir = "";
let exited = false;
const ids: Record<keyof typeof names, string> = { plain: "", override: "", hold: "", incident: "" };
let admin: Awaited<ReturnType<typeof makeStaff>>;

test.beforeAll(async () => {
  const key = await withDb(async (db) => {
    admin = await makeStaff(db, { role: "admin" });
    const template = await saveTemplate({
      db,
      actor: admin,
      input: {
        name: `Alert template ${stamp}`,
        title: INCIDENT_TITLE,
        status: "investigating",
        body: "Checkout requests fail; we are on it.",
      },
    });
    for (const which of Object.keys(names) as (keyof typeof names)[]) {
      const component = await makeComponent(db, { name: names[which], position: LAST_ON_PAGE });
      ids[which] = component.id;
      await saveAlertMapping({
        db,
        actor: admin,
        input: {
          name: `Mapping ${which} ${stamp}`,
          matchers: `service="${which}-${stamp}", severity=~"critical|page"`,
          componentId: component.id,
          status: which === "hold" ? "partial_outage" : "major_outage",
          minHoldSeconds: which === "hold" ? HOLD_SECONDS : 0,
          templateId: which === "incident" ? template.id : null,
        },
      });
    }
    return createApiKey({ db, actor: admin, input: { name: `Alertmanager ${stamp}`, scopes: ["components"] } });
  });

  dir = await mkdtemp(path.join(os.tmpdir(), "upstate-alertmanager-"));
  const port = await freePort();
  alertmanagerUrl = `http://127.0.0.1:${port}`;
  const webhook = `${process.env.E2E_BASE_URL}/api/v1/alerts/alertmanager`;
  const config = [
    "global:",
    "  resolve_timeout: 1m",
    "route:",
    "  receiver: upstate",
    "  group_by: [service]",
    "  group_wait: 1s",
    "  group_interval: 1s",
    "  repeat_interval: 1h",
    "receivers:",
    "  - name: upstate",
    "    webhook_configs:",
    `      - url: ${JSON.stringify(webhook)}`,
    "        send_resolved: true",
    "        http_config:",
    "          authorization:",
    `            credentials: ${JSON.stringify(key.secret)}`,
    "",
  ].join("\n");
  await writeFile(path.join(dir, "alertmanager.yml"), config);
  alertmanager = spawn(
    ALERTMANAGER,
    [
      `--config.file=${path.join(dir, "alertmanager.yml")}`,
      `--storage.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // No gossip port: a lone Alertmanager.
      "--cluster.listen-address=",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  alertmanager.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  alertmanager.on("exit", () => {
    exited = true;
  });
  await waitForServer(`${alertmanagerUrl}/-/ready`, { timeoutMs: 30_000, exited: () => exited }).catch((error: unknown) => {
    throw new Error(`Alertmanager did not start: ${(error as Error).message}\n${log}`);
  });
});

test.afterAll(async () => {
  // The specs after this one on the same server check the demo page's order: leave it as found.
  await withDb((db) => db.component.deleteMany({ where: { name: { in: Object.values(names) } } }));
  // It writes its state on the way out: remove its folder once it has exited.
  if (alertmanager && !exited) {
    const gone = new Promise((resolve) => alertmanager!.once("exit", resolve));
    alertmanager.kill("SIGTERM");
    await gone;
  }
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

const STARTED = new Date(Date.now() - 60_000).toISOString();

/** Posts one alert to Alertmanager's own API; `resolved` posts it again with endsAt in the past. */
async function postAlert(which: keyof typeof names, options: { resolved?: boolean; alertname?: string } = {}) {
  const alert = {
    labels: { alertname: options.alertname ?? "ServiceDown", service: `${which}-${stamp}`, severity: "critical" },
    annotations: { summary: `${names[which]} is down` },
    startsAt: STARTED,
    ...(options.resolved ? { endsAt: new Date(Date.now() - 1000).toISOString() } : {}),
    generatorURL: "http://prometheus.example.com/graph",
  };
  const response = await fetch(`${alertmanagerUrl}/api/v2/alerts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify([alert]),
  });
  expect(response.status, await response.text()).toBe(200);
}

/** A component's status as the public API gives it. */
async function publicStatus(page: Page, which: keyof typeof names): Promise<ComponentStatus | undefined> {
  const response = await page.request.get("/api/v2/components.json");
  const body = (await response.json()) as { components: { id: string; name: string; status: ComponentStatus }[] };
  return body.components.find((component) => component.name === names[which])?.status;
}

const WITHIN = { timeout: 30_000, intervals: [250, 500, 1000] };

test("an alert fired in Alertmanager sets the component's status on the public API and page, and resolving it returns it", async ({
  page,
}) => {
  // The page is loaded again each time: the first load after a change may be the copy the cache
  // serves (marked STALE) while it renders the new one.
  const rowOnPage = async () => {
    await page.goto("/");
    const row = page.locator("li").filter({ hasText: names.plain }).first();
    return (await row.count()) ? ((await row.textContent()) ?? "") : "";
  };
  await postAlert("plain");
  await expect.poll(() => publicStatus(page, "plain"), WITHIN).toBe("major_outage");
  await expect.poll(rowOnPage, WITHIN).toContain("Major Outage");

  await postAlert("plain", { resolved: true });
  await expect.poll(() => publicStatus(page, "plain"), WITHIN).toBe("operational");
  await expect.poll(rowOnPage, WITHIN).toContain("Operational");
});

test("a status staff set by hand wins over the alert until it resolves", async ({ page }) => {
  await postAlert("override");
  await expect.poll(() => publicStatus(page, "override"), WITHIN).toBe("major_outage");
  await withDb((db) =>
    setComponentStatus({ db, actor: admin, input: { componentId: ids.override, status: "degraded_performance" } }),
  );
  // A second alert for the same service reaches Upstate; the staff's status stands.
  await postAlert("override", { alertname: "ServiceSlow" });
  await expect
    .poll(() => withDb((db) => db.componentAlertState.findUnique({ where: { componentId: ids.override } })), WITHIN)
    .toMatchObject({ overriddenAt: expect.any(Date) });
  await expect
    .poll(
      () => withDb((db) => db.receivedAlert.count({ where: { labels: { path: ["alertname"], equals: "ServiceSlow" } } })),
      WITHIN,
    )
    .toBe(1);
  // The public API's cache drops the old answer when the change's notification arrives.
  await expect.poll(() => publicStatus(page, "override"), WITHIN).toBe("degraded_performance");
  expect(await withDb((db) => db.component.findUniqueOrThrow({ where: { id: ids.override } }))).toMatchObject({
    status: "degraded_performance",
  });

  await postAlert("override", { resolved: true });
  await postAlert("override", { alertname: "ServiceSlow", resolved: true });
  await expect
    .poll(() => withDb((db) => db.componentAlertState.findUnique({ where: { componentId: ids.override } })), WITHIN)
    .toMatchObject({ overriddenAt: null, appliedStatus: null });
  expect(await withDb((db) => db.component.findUniqueOrThrow({ where: { id: ids.override } }))).toMatchObject({
    status: "degraded_performance",
  });
  expect(await publicStatus(page, "override")).toBe("degraded_performance");
  await withDb((db) => setComponentStatus({ db, actor: admin, input: { componentId: ids.override, status: "operational" } }));
});

test("a resolved alert's status holds for the mapping's minimum hold, then returns", async ({ page }) => {
  await postAlert("hold");
  await expect.poll(() => publicStatus(page, "hold"), WITHIN).toBe("partial_outage");
  await postAlert("hold", { resolved: true });
  const service = `hold-${stamp}`;
  await expect
    .poll(
      () =>
        withDb((db) =>
          db.receivedAlert.count({ where: { labels: { path: ["service"], equals: service }, resolvedAt: { not: null } } }),
        ),
      WITHIN,
    )
    .toBe(1);
  // Alertmanager told Upstate within the hold: the status stays, and a release is due at its end.
  const held = await withDb((db) => db.componentAlertState.findUniqueOrThrow({ where: { componentId: ids.hold } }));
  expect(held.releaseAt?.getTime()).toBe(held.appliedAt!.getTime() + HOLD_SECONDS * 1000);
  expect(await publicStatus(page, "hold")).toBe("partial_outage");
  await expect.poll(() => publicStatus(page, "hold"), WITHIN).toBe("operational");
  const changes = await withDb((db) =>
    db.componentStatusChange.findMany({ where: { componentId: ids.hold }, orderBy: { id: "asc" } }),
  );
  expect(changes.map((change) => change.status)).toEqual(["partial_outage", "operational"]);
  expect(changes[1]!.at.getTime() - changes[0]!.at.getTime()).toBeGreaterThanOrEqual(HOLD_SECONDS * 1000);
});

test("a mapping with a template opens exactly one incident, shown to staff as opened by an alert", async ({ page }) => {
  await postAlert("incident");
  await postAlert("incident", { alertname: "ServiceErrors" });
  await expect.poll(() => publicStatus(page, "incident"), WITHIN).toBe("major_outage");
  await expect
    .poll(async () => {
      const response = await page.request.get("/api/v2/incidents/unresolved.json");
      const body = (await response.json()) as { incidents: { name: string }[] };
      return body.incidents.filter((incident) => incident.name === INCIDENT_TITLE).length;
    }, WITHIN)
    .toBe(1);
  await postAlert("incident", { resolved: true });
  await postAlert("incident", { alertname: "ServiceErrors", resolved: true });
  await expect.poll(() => publicStatus(page, "incident"), WITHIN).toBe("operational");
  expect(await withDb((db) => db.incident.count({ where: { name: INCIDENT_TITLE } }))).toBe(1);
  expect(await withDb((db) => db.alertIncident.count({ where: { componentId: ids.incident } }))).toBe(1);
  const { incidentId } = await withDb((db) => db.alertIncident.findFirstOrThrow({ where: { componentId: ids.incident } }));
  await signIn(page, ADMIN, `/admin/incidents/${incidentId}`);
  await expect(page.getByRole("heading", { name: INCIDENT_TITLE, level: 1 })).toBeVisible();
  await expect(page.getByText(/^Opened automatically by an alert at /)).toBeVisible();
  // Staff resolve it, as they would (other files on this server count open incidents).
  await withDb((db) => resolveIncident({ db, actor: admin, input: { incidentId, message: "Fixed." } }));
});
