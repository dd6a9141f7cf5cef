import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { ConflictError, NotFoundError, parseInput } from "../errors.ts";
import { type EditTimelineEventInput, editTimelineEventSchema } from "./schemas.ts";

/** Changes a timeline event, if nobody changed it since the form loaded it. */
export async function editTimelineEvent(options: { db: Db; actor: Actor; input: EditTimelineEventInput }): Promise<void> {
  const input = parseInput(editTimelineEventSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    const before = await tx.timelineEvent.findUnique({ where: { id: input.eventId } });
    if (!before) throw new NotFoundError("This timeline event no longer exists.");
    const written = await tx.timelineEvent.updateMany({
      where: { id: before.id, updatedAt: input.loadedAt },
      data: { at: input.at, kind: input.kind, text: input.text },
    });
    if (written.count === 0) {
      throw new ConflictError(`Someone changed this event after you opened it; it now reads “${before.text}”. Reload to see it.`);
    }
    await writeAudit(tx, {
      actor: options.actor,
      action: "timeline_event.edited",
      targetType: "timeline_event",
      targetId: before.id,
      before: { at: before.at, kind: before.kind, text: before.text },
      after: { at: input.at, kind: input.kind, text: input.text },
    });
    await notifyPublicChange(tx, { incidentIds: [before.incidentId] });
  });
}
