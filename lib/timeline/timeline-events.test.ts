import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeIncident } from "../../tests/support/factories.ts";
import { ConflictError } from "../errors.ts";
import { getPublicIncident } from "../incidents/queries.ts";
import { addTimelineEvent } from "./add-timeline-event.ts";
import { computeTimelineDurations } from "./durations.ts";
import { editTimelineEvent } from "./edit-timeline-event.ts";
import { removeTimelineEvent } from "./remove-timeline-event.ts";

const at = (iso: string) => new Date(iso);

describe("timeline events", () => {
  it("are shown sorted by time whatever the entry order, and give the reference incident's durations", async () => {
    const db = testDb();
    const { id, actor } = await makeIncident(db, { displayAt: at("2024-07-11T20:01:00Z") });
    const add = (iso: string, kind: "started" | "acknowledged" | "mitigated" | "resolved" | "fixed", text: string) =>
      addTimelineEvent({ db, actor, input: { incidentId: id, at: at(iso), kind, text } });
    await add("2024-07-12T00:31:00Z", "fixed", "Permanent fix deployed.");
    await add("2024-07-11T20:01:00Z", "started", "Sign-ins start failing.");
    await add("2024-07-11T20:28:00Z", "acknowledged", "On-call acknowledges.");
    await add("2024-07-11T20:33:00Z", "mitigated", "Rolled back.");
    await add("2024-07-11T20:47:00Z", "resolved", "Error rates normal.");
    const shown = await getPublicIncident(db, id);
    expect(shown?.timeline.map((e) => e.kind)).toEqual(["started", "acknowledged", "mitigated", "resolved", "fixed"]);
    expect(computeTimelineDurations(shown!.timeline, shown!.startedAt)).toEqual({
      timeToAcknowledge: 27,
      timeToMitigate: 32,
      impactDuration: 46,
      timeToPermanentFix: 270,
    });
    expect(await db.auditLog.count({ where: { action: "timeline_event.added", actorId: actor.id } })).toBe(5);
  });

  it("are edited unless changed since loading, and removed", async () => {
    const db = testDb();
    const { id, actor } = await makeIncident(db);
    const { id: eventId } = await addTimelineEvent({
      db,
      actor,
      input: { incidentId: id, at: at("2024-07-11T20:28:00Z"), kind: "detected", text: "Alert." },
    });
    const loaded = await db.timelineEvent.findUniqueOrThrow({ where: { id: eventId } });
    const edit = { eventId, loadedAt: loaded.updatedAt, at: at("2024-07-11T20:20:00Z"), kind: "detected" as const };
    await editTimelineEvent({ db, actor, input: { ...edit, text: "Alert fired." } });
    const conflict = await editTimelineEvent({ db, actor, input: { ...edit, text: "Stale." } }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(ConflictError);
    const stored = await db.timelineEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(stored).toMatchObject({ text: "Alert fired.", at: at("2024-07-11T20:20:00Z") });
    expect((conflict as ConflictError).message).toContain(`${actor.email} changed this event after you opened it.`);
    expect((conflict as ConflictError).message).toContain("Detected · “Alert fired.”");
    expect((conflict as ConflictError).currentVersion).toBe(stored.updatedAt.getTime());
    // Saving again with the version the conflict gave replaces their change on purpose.
    await editTimelineEvent({ db, actor, input: { ...edit, loadedAt: stored.updatedAt, text: "Mine after all." } });
    expect((await db.timelineEvent.findUniqueOrThrow({ where: { id: eventId } })).text).toBe("Mine after all.");
    await removeTimelineEvent({ db, actor, input: { eventId } });
    expect(await db.timelineEvent.count({ where: { incidentId: id } })).toBe(0);
  });
});
