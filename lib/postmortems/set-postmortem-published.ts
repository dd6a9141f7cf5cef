import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { ConflictError, NotFoundError, parseInput } from "../errors.ts";
import { queueNotification } from "../notifications/queue-notification.ts";
import { type PublishPostmortemInput, publishPostmortemSchema } from "./schemas.ts";

/**
 * Publishes or unpublishes the postmortem, as it stood at `version`: publishing text someone
 * changed since you read it is a conflict. The published instant is the one given (a postmortem
 * entered after the fact keeps its real date), else the one it already had, else now.
 */
export async function setPostmortemPublished(options: {
  db: Db;
  actor: Actor;
  input: PublishPostmortemInput;
  published: boolean;
}): Promise<void> {
  const input = parseInput(publishPostmortemSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "postmortem.write");
    const before = await tx.postmortem.findUnique({ where: { incidentId: input.incidentId } });
    if (!before) throw new NotFoundError("Save the postmortem as a draft first.");
    if (before.version !== input.version) {
      throw new ConflictError(
        "Someone saved this postmortem after you opened it: review their text, then publish.",
        before.version,
      );
    }
    const publishedAt = options.published ? (input.publishedAt ?? before.publishedAt ?? new Date()) : null;
    await tx.postmortem.update({ where: { id: before.id }, data: { publishedAt, version: { increment: 1 } } });
    await writeAudit(tx, {
      actor: options.actor,
      action: options.published ? "postmortem.published" : "postmortem.unpublished",
      targetType: "postmortem",
      targetId: before.id,
      before: { publishedAt: before.publishedAt },
      after: { publishedAt },
    });
    // Publishing for the first time tells subscribers (unless staff untick it); edits do not.
    if (options.published && !before.publishedAt && input.deliverNotifications) {
      await queueNotification(tx, { kind: "postmortem", incidentId: input.incidentId });
    }
    await notifyPublicChange(tx, { incidentIds: [input.incidentId] });
  });
}
