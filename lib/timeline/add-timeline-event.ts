import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import type { Db } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { lockIncident } from "../updates/lock-incident.ts";
import { type AddTimelineEventInput, addTimelineEventSchema } from "./schemas.ts";

/** Adds an event to an incident's timeline (shown sorted by time, whatever order it was entered in). */
export async function addTimelineEvent(options: {
  db: Db;
  actor: Actor;
  input: AddTimelineEventInput;
  idempotency?: IdempotencyKey;
}): Promise<{ id: string }> {
  const input = parseInput(addTimelineEventSchema, options.input);
  return inTransactionOnce(
    options.db,
    { idempotency: options.idempotency, operation: "timeline.add_event", input },
    async (tx) => {
      await authorize(tx, options.actor, "timeline.write");
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
    },
  );
}
