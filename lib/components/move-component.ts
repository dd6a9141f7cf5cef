import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { groupOrder, lockPageOrder, type MoveResult, moveAmong, topLevelOrder } from "./page-order.ts";
import { type MoveComponentInput, moveComponentSchema } from "./schemas.ts";

/**
 * Moves a component one place up or down: within its group, or, outside any group, among the
 * groups and other ungrouped components of the page's top level.
 */
export async function moveComponent(options: {
  db: Db;
  actor: Actor;
  input: MoveComponentInput;
  idempotency?: IdempotencyKey;
}): Promise<MoveResult> {
  assertCan(options.actor, "component.edit");
  const input = parseInput(moveComponentSchema, options.input);
  const { componentId, direction } = input;
  // A retried press (the same idempotency key) moves once, not two places.
  return inTransactionOnce(options.db, { idempotency: options.idempotency, operation: "component.move", input }, async (tx) => {
    await authorize(tx, options.actor, "component.edit");
    await lockPageOrder(tx);
    const component = await tx.component.findUnique({ where: { id: componentId }, select: { group: true } });
    if (!component) throw new NotFoundError("This component no longer exists.");
    const { group } = component;
    return moveAmong(tx, {
      actor: options.actor,
      siblings: group ? await groupOrder(tx, group.id) : await topLevelOrder(tx),
      target: { kind: "component", id: componentId },
      direction,
      scope: group ? `group “${group.name}”` : "top level",
    });
  });
}
