import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { scheduleTestWindow } from "../../tests/support/maintenance-window.ts";
import { setComponentStatus } from "../components/set-component-status.ts";
import type { InvalidError } from "../errors.ts";
import { advanceMaintenance } from "./advance-maintenance.ts";
import { runDueMaintenance } from "./run-due-maintenance.ts";
import { scheduleMaintenance } from "./schedule-maintenance.ts";

const at = (iso: string) => new Date(iso);

async function setUp() {
  const { db } = await ownDatabase();
  return scheduleTestWindow(db);
}

describe("scheduled maintenance", () => {
  it("starts and completes at its scheduled instants without anyone clicking, restoring each component's status", async () => {
    const { db, api, webhooks, id } = await setUp();
    expect(await runDueMaintenance(db, at("2024-03-01T09:59:00Z"))).toEqual({ started: [], completed: [] });
    expect(await runDueMaintenance(db, at("2024-03-01T10:00:30Z"))).toEqual({ started: [id], completed: [] });
    expect((await db.component.findUniqueOrThrow({ where: { id: api.id } })).status).toBe("under_maintenance");
    const m = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(m).toMatchObject({ status: "in_progress", impact: "maintenance" });
    // Run again at once, as a second server would: nothing more happens.
    expect(await runDueMaintenance(db, at("2024-03-01T10:01:00Z"))).toEqual({ started: [], completed: [] });
    expect(await runDueMaintenance(db, at("2024-03-01T12:05:00Z"))).toEqual({ started: [], completed: [id] });
    expect((await db.component.findUniqueOrThrow({ where: { id: api.id } })).status).toBe("operational");
    expect((await db.component.findUniqueOrThrow({ where: { id: webhooks.id } })).status).toBe("degraded_performance");
    const history = await db.componentStatusChange.findMany({
      where: { componentId: api.id, source: "maintenance" },
      orderBy: { at: "asc" },
    });
    expect(history.map((h) => [h.status, h.at])).toEqual([
      ["under_maintenance", at("2024-03-01T10:00:00Z")],
      ["operational", at("2024-03-01T12:00:00Z")],
    ]);
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).resolvedAt).toEqual(at("2024-03-01T12:00:00Z"));
    const audit = await db.auditLog.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["maintenance.scheduled", expect.any(String)],
      ["maintenance.started", "scheduler"],
      ["maintenance.completed", "scheduler"],
    ]);
  });

  it("catches up a window that passed entirely while the server was down, at the real instants", async () => {
    const { db, api, id } = await setUp();
    expect(await runDueMaintenance(db, at("2024-03-02T00:00:00Z"))).toEqual({ started: [id], completed: [id] });
    const history = await db.componentStatusChange.findMany({
      where: { componentId: api.id, source: "maintenance" },
      orderBy: { at: "asc" },
    });
    expect(history.map((h) => h.at)).toEqual([at("2024-03-01T10:00:00Z"), at("2024-03-01T12:00:00Z")]);
  });

  it("leaves a component someone changed during the window as they set it", async () => {
    const { db, actor, api, id } = await setUp();
    await advanceMaintenance({ db, actor, input: { incidentId: id }, step: "start", at: at("2024-03-01T10:00:00Z") });
    await setComponentStatus({ db, actor, input: { componentId: api.id, status: "major_outage" } });
    await advanceMaintenance({ db, actor, input: { incidentId: id }, step: "complete", at: new Date() });
    expect((await db.component.findUniqueOrThrow({ where: { id: api.id } })).status).toBe("major_outage");
  });

  it("refuses a window that ends before it starts", async () => {
    const { db } = await ownDatabase();
    const actor = await makeStaff(db);
    const error = await scheduleMaintenance({
      db,
      actor,
      input: { name: "x", message: "x", scheduledFor: at("2024-03-01T10:00:00Z"), scheduledUntil: at("2024-03-01T09:00:00Z") },
    }).catch((e: unknown) => e);
    expect((error as InvalidError).fieldErrors).toEqual({ scheduledUntil: "The end must be after the start." });
  });
});
