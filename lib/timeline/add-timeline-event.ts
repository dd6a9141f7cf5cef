import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { lockIncident } from "../incidents/lock-incident.ts";
import { type AddTimelineEventInput, addTimelineEventSchema } from "./schemas.ts";

/** Adds an event to an incident's timeline (shown sorted by time, whatever order it was entered in). */
export async function addTimelineEvent(options: { db: Db; actor: Actor; input: AddTimelineEventInput }): Promise<{ id: string }> {
  const input = parseInput(addTimelineEventSchema, options.input);
  return inTransaction(options.db, async (tx) => {
    await lockIncident(tx, input.incidentId);
    const event = await tx.timelineEvent.create({
      data: { incidentId: input.incidentId, at: input.at, kind: input.kind, text: input.text },
    });
    await writeAudit(tx, {
      actor: options.actor,
      action: "timeline_event.added",
      targetType: "timeline_event",
      targetId: event.id,
      after: { incidentId: input.incidentId, at: input.at, kind: input.kind, text: input.text },
    });
    await notifyPublicChange(tx, { incidentIds: [input.incidentId] });
    return { id: event.id };
  });
}
