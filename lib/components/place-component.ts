import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { groupOrder, lockPageOrder, type MoveResult, placeAmong, topLevelOrder } from "./page-order.ts";
import { type PlaceComponentInput, placeComponentSchema } from "./schemas.ts";

/**
 * Puts a component at a place (from 0) among its siblings, as a drag and drop does: within its
 * group, or, outside any group, among the groups and other ungrouped components of the top level.
 */
export async function placeComponent(options: {
  db: Db;
  actor: Actor;
  input: PlaceComponentInput;
  idempotency?: IdempotencyKey;
}): Promise<MoveResult> {
  assertCan(options.actor, "component.edit");
  const input = parseInput(placeComponentSchema, options.input);
  const once = { idempotency: options.idempotency, operation: "component.place", input };
  return inTransactionOnce(options.db, once, async (tx) => {
    await authorize(tx, options.actor, "component.edit");
    await lockPageOrder(tx);
    const component = await tx.component.findUnique({ where: { id: input.componentId }, select: { group: true } });
    if (!component) throw new NotFoundError("This component no longer exists.");
    const { group } = component;
    return placeAmong(tx, {
      actor: options.actor,
      siblings: group ? await groupOrder(tx, group.id) : await topLevelOrder(tx),
      target: { kind: "component", id: input.componentId },
      index: input.index,
      scope: group ? `group “${group.name}”` : "top level",
    });
  });
}
