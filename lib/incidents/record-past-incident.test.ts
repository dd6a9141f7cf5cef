import { describe, expect, it } from "vitest";
import { ownDatabase, testDb } from "../../tests/support/db.ts";
import { makeComponent, makeStaff } from "../../tests/support/factories.ts";
import { listenToPublicChanges } from "../../tests/support/public-changes.ts";
import { recordStatusChange } from "../components/record-status-change.ts";
import { InvalidError } from "../errors.ts";
import { editUpdate } from "./edit-update.ts";
import { postUpdate } from "./post-update.ts";
import { recordPastIncident } from "./record-past-incident.ts";

const startedAt = new Date("2024-07-11T20:01:00Z");
const resolvedAt = new Date("2024-07-11T20:46:00Z");
const body = "On 2024-07-11, from 20:01 to 20:46 UTC, users may have experienced an error.";

describe("recordPastIncident", () => {
  it("enters the reference incident: one resolved update, impact in the history at the real instants", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const authKit = await makeComponent(db);
    const changes = await listenToPublicChanges();
    const { id } = await recordPastIncident({
      db,
      actor,
      input: {
        name: "Degraded Authkit Service",
        message: body,
        components: [{ componentId: authKit.id, status: "partial_outage" }],
        startedAt,
        resolvedAt,
        displayAt: startedAt,
      },
    });
    const incident = await db.incident.findUniqueOrThrow({
      where: { id },
      include: { updates: { include: { componentChanges: true } }, components: true },
    });
    expect(incident).toMatchObject({ kind: "incident", status: "resolved", impact: "major", startedAt, resolvedAt });
    expect(incident.updates.map((u) => [u.status, u.body, u.displayAt])).toEqual([["resolved", body, startedAt]]);
    expect(incident.updates[0]!.componentChanges.map((c) => [c.componentName, c.oldStatus, c.newStatus])).toEqual([
      [authKit.name, "partial_outage", "operational"],
    ]);
    expect(incident.components.map((c) => c.componentId)).toEqual([authKit.id]);
    const history = await db.componentStatusChange.findMany({ where: { componentId: authKit.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.status, h.at, h.incidentId])).toEqual([
      ["partial_outage", startedAt, id],
      ["operational", resolvedAt, id],
    ]);
    expect((await db.component.findUniqueOrThrow({ where: { id: authKit.id } })).status).toBe("operational");
    const audit = await db.auditLog.findMany({ where: { targetId: id } });
    expect(audit.map((a) => a.action)).toEqual(["incident.recorded_past"]);
    await changes.settle();
    expect(changes.received).toContainEqual({ incidentIds: [id], all: true });
  });

  it("keeps the real instants when its update is edited or another resolved update is posted, and drops them on reopening", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const api = await makeComponent(db);
    const { id } = await recordPastIncident({
      db,
      actor,
      input: {
        name: "Past",
        message: body,
        components: [{ componentId: api.id, status: "major_outage" }],
        startedAt,
        resolvedAt,
        displayAt: new Date("2024-07-11T20:50:00Z"),
      },
    });
    const update = await db.incidentUpdate.findFirstOrThrow({ where: { incidentId: id } });
    // Moving the update's time moves neither end of the impact window.
    await editUpdate({
      db,
      actor,
      input: { updateId: update.id, version: update.version, message: "Edited.", displayAt: new Date("2024-07-11T21:00:00Z") },
    });
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ startedAt, resolvedAt });
    const history = await db.componentStatusChange.findMany({ where: { componentId: api.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.status, h.at])).toEqual([
      ["major_outage", startedAt],
      ["operational", resolvedAt],
    ]);

    await postUpdate({
      db,
      actor,
      input: { incidentId: id, status: "resolved", message: "Postmortem coming.", displayAt: new Date("2024-07-12T10:00:00Z") },
    });
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "resolved", startedAt, resolvedAt });

    await postUpdate({
      db,
      actor,
      input: { incidentId: id, status: "investigating", message: "It is back.", displayAt: new Date("2024-07-13T10:00:00Z") },
    });
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "investigating", resolvedAt: null });
    await postUpdate({
      db,
      actor,
      input: { incidentId: id, status: "resolved", message: "Fixed again.", displayAt: new Date("2024-07-13T11:00:00Z") },
    });
    const reopened = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(reopened.resolvedAtOverride).toBeNull();
    expect(reopened.resolvedAt).not.toEqual(resolvedAt);
  });

  it("returns each component to the status its history already had after the window", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const api = await makeComponent(db);
    // Later the same day something else degraded it, and it still is.
    const later = new Date("2024-07-11T22:00:00Z");
    await recordStatusChange(db, { componentId: api.id, status: "degraded_performance", at: later, source: "manual" });
    await recordPastIncident({
      db,
      actor,
      input: {
        name: "Past outage",
        message: body,
        components: [{ componentId: api.id, status: "major_outage" }],
        startedAt,
        resolvedAt,
      },
    });
    const history = await db.componentStatusChange.findMany({ where: { componentId: api.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.status, h.at])).toEqual([
      ["major_outage", startedAt],
      ["operational", resolvedAt],
      ["degraded_performance", later],
    ]);
    expect((await db.component.findUniqueOrThrow({ where: { id: api.id } })).status).toBe("degraded_performance");
    const incident = await db.incident.findFirstOrThrow({
      where: { components: { some: { componentId: api.id } } },
      include: { updates: true },
    });
    expect(incident.impact).toBe("critical");
    // Shown at the end of the impact when no time is given.
    expect(incident.updates[0]!.displayAt).toEqual(resolvedAt);
  });

  it("says which field is wrong and writes nothing", async () => {
    // A database of its own: it counts every row, and other files write to the shared one meanwhile.
    const { db } = await ownDatabase();
    const actor = await makeStaff(db);
    const before = { incidents: await db.incident.count(), history: await db.componentStatusChange.count() };
    const attempt = (input: Partial<Parameters<typeof recordPastIncident>[0]["input"]>) =>
      recordPastIncident({ db, actor, input: { name: "Past", message: body, startedAt, resolvedAt, ...input } });
    await expect(attempt({ resolvedAt: startedAt })).rejects.toMatchObject({
      fieldErrors: { resolvedAt: "The impact must end after it started." },
    });
    await expect(attempt({ resolvedAt: new Date(Date.now() + 86_400_000) })).rejects.toMatchObject({
      fieldErrors: { resolvedAt: "The time cannot be in the future." },
    });
    await expect(attempt({ displayAt: new Date(startedAt.getTime() - 60_000) })).rejects.toMatchObject({
      fieldErrors: { displayAt: "The update cannot be shown before the impact started." },
    });
    await expect(attempt({ name: " " })).rejects.toBeInstanceOf(InvalidError);
    await expect(attempt({ components: [{ componentId: "missing", status: "major_outage" }] })).rejects.toMatchObject({
      fieldErrors: { components: "Unknown component." },
    });
    expect({ incidents: await db.incident.count(), history: await db.componentStatusChange.count() }).toEqual(before);
  });
});
