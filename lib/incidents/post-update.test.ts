import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeComponent, makeStaff } from "../../tests/support/factories.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { addUpdate } from "../updates/add-update.ts";
import { lockIncident } from "../updates/lock-incident.ts";
import { refreshIncident } from "../updates/refresh-incident.ts";
import { createIncident } from "./create-incident.ts";
import { postUpdate } from "./post-update.ts";
import { resolveIncident } from "./resolve-incident.ts";

const at = (iso: string) => new Date(iso);

async function openIncident() {
  const db = testDb();
  const actor = await makeStaff(db);
  const authKit = await makeComponent(db);
  const sso = await makeComponent(db);
  const { id } = await createIncident({
    db,
    actor,
    input: {
      name: "Degraded AuthKit",
      status: "investigating",
      message: "Investigating.",
      displayAt: at("2024-07-11T20:01:00Z"),
      components: [
        { componentId: authKit.id, status: "degraded_performance" },
        { componentId: sso.id, status: "degraded_performance" },
      ],
    },
  });
  return { db, actor, authKit, sso, id };
}

describe("postUpdate", () => {
  it("moves the incident through identified and monitoring, keeping the first instant of each", async () => {
    const { db, actor, id } = await openIncident();
    await postUpdate({
      db,
      actor,
      input: { incidentId: id, status: "identified", message: "Found it.", displayAt: at("2024-07-11T20:28:00Z") },
    });
    await postUpdate({
      db,
      actor,
      input: { incidentId: id, status: "monitoring", message: "Fixed.", displayAt: at("2024-07-11T20:33:00Z") },
    });
    const incident = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(incident).toMatchObject({
      status: "monitoring",
      identifiedAt: at("2024-07-11T20:28:00Z"),
      monitoringAt: at("2024-07-11T20:33:00Z"),
      resolvedAt: null,
    });
    expect(await db.auditLog.count({ where: { action: "incident.update_posted", actorId: actor.id } })).toBe(2);
  });

  it("does not let a back-dated update win over a later one, and records its changes at its own instant", async () => {
    const { db, actor, authKit, id } = await openIncident();
    await postUpdate({
      db,
      actor,
      input: { incidentId: id, status: "monitoring", message: "Watching.", displayAt: at("2024-07-11T21:00:00Z") },
    });
    await postUpdate({
      db,
      actor,
      input: {
        incidentId: id,
        status: "identified",
        message: "Entered late.",
        displayAt: at("2024-07-11T20:20:00Z"),
        components: [{ componentId: authKit.id, status: "major_outage" }],
      },
    });
    const incident = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(incident).toMatchObject({ status: "monitoring", identifiedAt: at("2024-07-11T20:20:00Z"), impact: "critical" });
    const history = await db.componentStatusChange.findMany({ where: { componentId: authKit.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.status, h.at])).toEqual([
      ["degraded_performance", at("2024-07-11T20:01:00Z")],
      ["major_outage", at("2024-07-11T20:20:00Z")],
    ]);
    const change = await db.incidentUpdateComponent.findFirstOrThrow({
      where: { componentId: authKit.id, newStatus: "major_outage" },
    });
    expect(change.oldStatus).toBe("degraded_performance");
  });

  it("refuses an update to an incident that is gone", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    await expect(postUpdate({ db, actor, input: { incidentId: "gone", status: "identified", message: "x" } })).rejects.toThrow(
      NotFoundError,
    );
  });
});

describe("resolveIncident", () => {
  it("returns the affected components to operational at the resolution instant, except those kept", async () => {
    const { db, actor, authKit, sso, id } = await openIncident();
    await resolveIncident({
      db,
      actor,
      input: { incidentId: id, message: "All good.", displayAt: at("2024-07-11T20:46:00Z"), keepComponentIds: [sso.id] },
    });
    const incident = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(incident).toMatchObject({ status: "resolved", resolvedAt: at("2024-07-11T20:46:00Z") });
    expect((await db.component.findUniqueOrThrow({ where: { id: authKit.id } })).status).toBe("operational");
    expect((await db.component.findUniqueOrThrow({ where: { id: sso.id } })).status).toBe("degraded_performance");
    const last = await db.componentStatusChange.findFirstOrThrow({ where: { componentId: authKit.id }, orderBy: { at: "desc" } });
    expect([last.status, last.at]).toEqual(["operational", at("2024-07-11T20:46:00Z")]);
  });

  it("is undone by reopening: a later update that is not resolved clears the resolved instant", async () => {
    const { db, actor, id } = await openIncident();
    await resolveIncident({ db, actor, input: { incidentId: id, message: "Done.", displayAt: at("2024-07-11T20:46:00Z") } });
    await postUpdate({
      db,
      actor,
      input: { incidentId: id, status: "investigating", message: "It is back.", displayAt: at("2024-07-11T21:10:00Z") },
    });
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "investigating", resolvedAt: null });
  });

  it("reads the affected components under its lock: one added while it waited returns to operational too", async () => {
    const { db, actor, authKit, id } = await openIncident();
    const billing = await makeComponent(db);
    // Another write holds the incident's lock; the resolution waits for it, then must see what it added.
    let resolving: Promise<unknown> | undefined;
    await inTransaction(db, async (tx) => {
      await lockIncident(tx, id);
      resolving = resolveIncident({
        db,
        actor,
        input: { incidentId: id, message: "Done.", displayAt: at("2024-07-11T20:46:00Z") },
      });
      await untilWaitingForALock(db);
      await addUpdate(tx, {
        actor,
        incidentId: id,
        status: "identified",
        body: "Billing too.",
        displayAt: at("2024-07-11T20:40:00Z"),
        components: [{ componentId: billing.id, status: "major_outage" }],
      });
      await refreshIncident(tx, id);
    });
    await resolving;
    const statuses = await db.component.findMany({ where: { id: { in: [authKit.id, billing.id] } }, select: { status: true } });
    expect(statuses.map((c) => c.status)).toEqual(["operational", "operational"]);
  });
});

/** Returns once some session of this database waits for a row lock (polling: no timing is asserted). */
async function untilWaitingForALock(db: Db) {
  for (let attempt = 0; attempt < 500; attempt++) {
    const rows = await db.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if ((rows[0]?.waiting ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("Nothing waited for the incident's lock.");
}

describe("an incident on a component another incident already took down", () => {
  it("still gets its impact from the status it gave, without a second history entry", async () => {
    const { db, actor, authKit } = await openIncident();
    const { id } = await createIncident({
      db,
      actor,
      input: {
        name: "Second",
        status: "investigating",
        message: "Also.",
        components: [{ componentId: authKit.id, status: "degraded_performance" }],
      },
    });
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).impact).toBe("minor");
    expect(await db.componentStatusChange.count({ where: { componentId: authKit.id } })).toBe(1);
  });
});
