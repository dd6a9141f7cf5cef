import type { z } from "zod";
import { writeAudit } from "../../audit/write-audit.ts";
import type { Actor, SystemActor } from "../../auth/actor.ts";
import { authorize } from "../../auth/policy.ts";
import { notifyPublicChange } from "../../cache/public-change.ts";
import type { DbOrTx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import { queueNotification } from "../../notifications/queue-notification.ts";
import { recordStatusChange } from "../record-status-change.ts";
import type { setComponentStatusSchema } from "../schemas.ts";

/**
 * Sets a component's status inside the caller's transaction (input already parsed): history,
 * subscribers' notification, audit row and the public pages' cache. setComponentStatus runs it in
 * a transaction of its own; alerts run it in theirs, next to their own bookkeeping.
 */
export async function applyComponentStatus(
  tx: DbOrTx,
  options: { actor: Actor | SystemActor; input: z.output<typeof setComponentStatusSchema> },
): Promise<{ changed: boolean }> {
  const { input } = options;
  await authorize(tx, options.actor, "component.status");
  const before = await tx.component.findUnique({ where: { id: input.componentId }, select: { status: true } });
  if (!before) throw new NotFoundError("This component no longer exists.");
  if (before.status === input.status) return { changed: false };
  const at = new Date();
  await recordStatusChange(tx, { componentId: input.componentId, status: input.status, at, source: "manual" });
  if (input.deliverNotifications) {
    await queueNotification(tx, {
      kind: "component",
      componentId: input.componentId,
      oldStatus: before.status,
      newStatus: input.status,
      at,
    });
  }
  await writeAudit(tx, {
    actor: options.actor,
    action: "component.status_set",
    targetType: "component",
    targetId: input.componentId,
    before: { status: before.status },
    after: { status: input.status },
  });
  await notifyPublicChange(tx, { all: true });
  return { changed: true };
}
