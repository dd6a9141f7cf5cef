import type { z } from "zod";
import { writeAudit } from "../../audit/write-audit.ts";
import type { Actor, SystemActor } from "../../auth/actor.ts";
import { authorize } from "../../auth/policy.ts";
import { notifyPublicChange } from "../../cache/public-change.ts";
import type { DbOrTx } from "../../db/client.ts";
import type { ComponentStatus } from "../../domain.ts";
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
  await recordManualStatus(tx, { actor: options.actor, ...input, before: before.status, at: new Date() });
  await notifyPublicChange(tx, { all: true });
  return { changed: true };
}

/**
 * The history row, the subscribers' notification (when asked) and the audit row of one manual
 * change from `before` to `status`; the caller has authorized, and tells the public pages.
 */
export async function recordManualStatus(
  tx: DbOrTx,
  change: {
    actor: Actor | SystemActor;
    componentId: string;
    before: ComponentStatus;
    status: ComponentStatus;
    deliverNotifications: boolean;
    at: Date;
  },
): Promise<void> {
  const { componentId, status, at } = change;
  await recordStatusChange(tx, { componentId, status, at, source: "manual" });
  if (change.deliverNotifications) {
    await queueNotification(tx, { kind: "component", componentId, oldStatus: change.before, newStatus: status, at });
  }
  await writeAudit(tx, {
    actor: change.actor,
    action: "component.status_set",
    targetType: "component",
    targetId: componentId,
    before: { status: change.before },
    after: { status },
  });
}
