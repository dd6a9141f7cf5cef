import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { recordManualStatuses } from "./core/apply-component-status.ts";
import { lockComponents } from "./record-status-change.ts";
import { type SetComponentStatusesInput, setComponentStatusesSchema } from "./schemas.ts";

/**
 * Sets one status on several components (and every component of the chosen groups) at once,
 * outside any incident: all or none. Each changed
 * component gets its history row, its subscribers' notification and its audit row, as
 * setComponentStatus gives one; those already in that status are left alone.
 */
export async function setComponentStatuses(options: {
  db: Db;
  actor: Actor;
  input: SetComponentStatusesInput;
  idempotency?: IdempotencyKey;
}): Promise<{ changed: number; unchanged: number }> {
  assertCan(options.actor, "component.status");
  const input = parseInput(setComponentStatusesSchema, options.input);
  return inTransactionOnce(
    options.db,
    { idempotency: options.idempotency, operation: "component.status_bulk", input },
    async (tx) => {
      await authorize(tx, options.actor, "component.status");
      const wanted = new Set(input.componentIds);
      const groupIds = new Set(input.groupIds);
      const groups = await tx.componentGroup.count({ where: { id: { in: [...groupIds] } } });
      const chosen = await tx.component.findMany({
        where: { OR: [{ id: { in: [...wanted] } }, { groupId: { in: [...groupIds] } }] },
        select: { id: true },
      });
      // Locked before their statuses are read, so that a write elsewhere meanwhile cannot make
      // `before` stale (the notification's "was", a write of the same status taken for a change).
      const components = await lockComponents(
        tx,
        chosen.map((c) => c.id),
      );
      const found = new Set(components.map((c) => c.id));
      if (groups !== groupIds.size || [...wanted].some((componentId) => !found.has(componentId))) {
        throw new NotFoundError("One of the chosen components or groups no longer exists. Reload the page and choose again.");
      }
      const at = new Date();
      const changing = components.filter((c) => c.status !== input.status);
      await recordManualStatuses(
        tx,
        changing.map((c) => ({
          actor: options.actor,
          componentId: c.id,
          before: c.status,
          status: input.status,
          deliverNotifications: input.deliverNotifications,
          at,
        })),
      );
      if (changing.length > 0) await notifyPublicChange(tx, { all: true });
      return { changed: changing.length, unchanged: components.length - changing.length };
    },
  );
}
