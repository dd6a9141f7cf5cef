import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { removeTimelineEventSchema } from "./schemas.ts";

export async function removeTimelineEvent(options: { db: Db; actor: Actor; input: { eventId: string } }): Promise<void> {
  const input = parseInput(removeTimelineEventSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "timeline.write");
    const before = await tx.timelineEvent.findUnique({ where: { id: input.eventId } });
    if (!before) throw new NotFoundError("This timeline event was already removed.");
    await tx.timelineEvent.delete({ where: { id: before.id } });
    await writeAudit(tx, {
      actor: options.actor,
      action: "timeline_event.removed",
      targetType: "timeline_event",
      targetId: before.id,
      before: { incidentId: before.incidentId, at: before.at, kind: before.kind, text: before.text },
    });
    await notifyPublicChange(tx, { incidentIds: [before.incidentId] });
  });
}
