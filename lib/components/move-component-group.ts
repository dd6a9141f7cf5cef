import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import type { Db } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { lockPageOrder, type MoveResult, moveAmong, topLevelOrder } from "./page-order.ts";
import { type MoveComponentGroupInput, moveComponentGroupSchema } from "./schemas.ts";

/** Moves a group one place up or down among the groups and ungrouped components of the page. */
export async function moveComponentGroup(options: {
  db: Db;
  actor: Actor;
  input: MoveComponentGroupInput;
  idempotency?: IdempotencyKey;
}): Promise<MoveResult> {
  assertCan(options.actor, "component.edit");
  const input = parseInput(moveComponentGroupSchema, options.input);
  const { groupId, direction } = input;
  // A retried press (the same idempotency key) moves once, not two places.
  const once = { idempotency: options.idempotency, operation: "component_group.move", input };
  return inTransactionOnce(options.db, once, async (tx) => {
    await authorize(tx, options.actor, "component.edit");
    await lockPageOrder(tx);
    return moveAmong(tx, {
      actor: options.actor,
      siblings: await topLevelOrder(tx),
      target: { kind: "group", id: groupId },
      direction,
      scope: "top level",
    });
  });
}
