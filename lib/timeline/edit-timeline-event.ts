import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { TIMELINE_EVENT_KIND_LABELS } from "../domain.ts";
import { ConflictError, NotFoundError, parseInput } from "../errors.ts";
import { getPageSettings } from "../page/queries.ts";
import { formatInstant } from "../time/format-instant.ts";
import { type EditTimelineEventInput, editTimelineEventSchema } from "./schemas.ts";

/**
 * Changes a timeline event, if nobody changed it since the form loaded it (`loadedAt`, its
 * updatedAt then). A conflict says what it reads now and carries its new updatedAt (ms), so that
 * saving the form again replaces it on purpose.
 */
export async function editTimelineEvent(options: { db: Db; actor: Actor; input: EditTimelineEventInput }): Promise<void> {
  const input = parseInput(editTimelineEventSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "timeline.write");
    const before = await tx.timelineEvent.findUnique({ where: { id: input.eventId } });
    if (!before) throw new NotFoundError("This timeline event no longer exists.");
    const written = await tx.timelineEvent.updateMany({
      where: { id: before.id, updatedAt: input.loadedAt },
      data: { at: input.at, kind: input.kind, text: input.text },
    });
    if (written.count === 0) {
      const last = await tx.auditLog.findFirst({
        where: { targetType: "timeline_event", targetId: before.id },
        orderBy: { id: "desc" },
        select: { actorEmail: true },
      });
      const { timeZone } = await getPageSettings(tx);
      const now = `${formatInstant(before.at, timeZone)} · ${TIMELINE_EVENT_KIND_LABELS[before.kind]} · “${before.text}”`;
      throw new ConflictError(
        `${last?.actorEmail ?? "Someone"} changed this event after you opened it. It now reads: ${now}. ` +
          "Your version is still in the form: save again to replace theirs.",
        before.updatedAt.getTime(),
      );
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
