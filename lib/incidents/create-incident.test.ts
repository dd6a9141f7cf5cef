import { describe, expect, it } from "vitest";
import { ownDatabase, testDb } from "../../tests/support/db.ts";
import { makeComponent, makeStaff } from "../../tests/support/factories.ts";
import { listenToPublicChanges } from "../../tests/support/public-changes.ts";
import { InvalidError } from "../errors.ts";
import { createIncident } from "./create-incident.ts";

describe("createIncident", () => {
  it("opens a back-dated incident whose components' history starts at the real instant", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const authKit = await makeComponent(db);
    const sso = await makeComponent(db);
    const startedAt = new Date("2024-07-11T20:01:00Z");
    const { id } = await createIncident({
      db,
      actor,
      input: {
        name: "Degraded AuthKit",
        status: "investigating",
        message: "We are looking into it.",
        displayAt: startedAt,
        components: [
          { componentId: authKit.id, status: "degraded_performance" },
          { componentId: sso.id, status: "partial_outage" },
        ],
      },
    });
    const incident = await db.incident.findUniqueOrThrow({
      where: { id },
      include: { updates: { include: { componentChanges: true } }, components: true },
    });
    expect(incident).toMatchObject({
      status: "investigating",
      impact: "major",
      startedAt,
      resolvedAt: null,
      createdById: actor.id,
    });
    expect(incident.updates).toHaveLength(1);
    expect(incident.updates[0]).toMatchObject({ body: "We are looking into it.", displayAt: startedAt, authorId: actor.id });
    expect(incident.updates[0]!.componentChanges.map((c) => [c.componentName, c.oldStatus, c.newStatus]).sort()).toEqual(
      [
        [authKit.name, "operational", "degraded_performance"],
        [sso.name, "operational", "partial_outage"],
      ].sort(),
    );
    expect(incident.components.map((c) => c.componentId).sort()).toEqual([authKit.id, sso.id].sort());
    const history = await db.componentStatusChange.findMany({ where: { componentId: authKit.id } });
    expect(history.map((h) => [h.status, h.at, h.source, h.incidentId])).toEqual([
      ["degraded_performance", startedAt, "incident", id],
    ]);
    expect((await db.component.findUniqueOrThrow({ where: { id: authKit.id } })).status).toBe("degraded_performance");
    const audit = await db.auditLog.findMany({ where: { targetId: id } });
    expect(audit.map((a) => [a.action, a.actorId, a.actorEmail])).toEqual([["incident.created", actor.id, actor.email]]);
  });

  it("lets the staff's impact override win over the components' statuses", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const api = await makeComponent(db);
    const { id } = await createIncident({
      db,
      actor,
      input: {
        name: "Slow API",
        status: "identified",
        impactOverride: "critical",
        message: "Slow.",
        components: [{ componentId: api.id, status: "degraded_performance" }],
      },
    });
    const incident = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(incident).toMatchObject({ impact: "critical", impactOverride: "critical", status: "identified" });
    expect(incident.identifiedAt).toEqual(incident.startedAt);
  });

  it("tells the public pages once the transaction commits, and not at all when the input is refused", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const changes = await listenToPublicChanges();
    const { id } = await createIncident({ db, actor, input: { name: "Quiet one", status: "investigating", message: "Hm." } });
    await changes.settle();
    expect(changes.received).toContainEqual({ incidentIds: [id], all: false });
    const count = changes.received.length;
    await expect(createIncident({ db, actor, input: { name: " ", status: "investigating", message: "x" } })).rejects.toThrow(
      InvalidError,
    );
    await changes.settle();
    expect(changes.received).toHaveLength(count);
  });

  it("says which field is wrong and why, writing nothing", async () => {
    // A database of its own: it counts every row, and other files write to the shared one meanwhile.
    const { db } = await ownDatabase();
    const actor = await makeStaff(db);
    const before = await db.incident.count();
    const error = await createIncident({
      db,
      actor,
      input: { name: "", status: "bogus" as "investigating", message: "", displayAt: new Date(Date.now() + 3_600_000) },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).fieldErrors).toEqual({
      name: "Give the incident a name.",
      status: "Choose a status.",
      message: "Write a message for the public.",
      displayAt: "The time cannot be in the future.",
    });
    expect(await db.incident.count()).toBe(before);
  });

  it("rolls everything back, audit row included, when a component is unknown", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const name = `Rolled back ${Math.random()}`;
    await expect(
      createIncident({
        db,
        actor,
        input: { name, status: "investigating", message: "x", components: [{ componentId: "nope", status: "major_outage" }] },
      }),
    ).rejects.toThrow(InvalidError);
    expect(await db.incident.count({ where: { name } })).toBe(0);
    expect(await db.auditLog.count({ where: { actorId: actor.id } })).toBe(0);
  });
});
