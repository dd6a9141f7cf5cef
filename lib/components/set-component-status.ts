import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { queueNotification } from "../notifications/queue-notification.ts";
import { recordStatusChange } from "./record-status-change.ts";
import { type SetComponentStatusInput, setComponentStatusSchema } from "./schemas.ts";

/** Sets a component's status now, outside any incident; recorded in its history like any change. */
export async function setComponentStatus(options: { db: Db; actor: Actor; input: SetComponentStatusInput }): Promise<void> {
  const input = parseInput(setComponentStatusSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "component.status");
    const before = await tx.component.findUnique({ where: { id: input.componentId }, select: { status: true } });
    if (!before) throw new NotFoundError("This component no longer exists.");
    if (before.status === input.status) return;
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
  });
}
