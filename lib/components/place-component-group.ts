import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import type { Db } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { lockPageOrder, type MoveResult, placeAmong, topLevelOrder } from "./page-order.ts";
import { type PlaceComponentGroupInput, placeComponentGroupSchema } from "./schemas.ts";

/** Puts a group at a place (from 0) among the groups and ungrouped components of the page. */
export async function placeComponentGroup(options: {
  db: Db;
  actor: Actor;
  input: PlaceComponentGroupInput;
  idempotency?: IdempotencyKey;
}): Promise<MoveResult> {
  assertCan(options.actor, "component.edit");
  const input = parseInput(placeComponentGroupSchema, options.input);
  const once = { idempotency: options.idempotency, operation: "component_group.place", input };
  return inTransactionOnce(options.db, once, async (tx) => {
    await authorize(tx, options.actor, "component.edit");
    await lockPageOrder(tx);
    return placeAmong(tx, {
      actor: options.actor,
      siblings: await topLevelOrder(tx),
      target: { kind: "group", id: input.groupId },
      index: input.index,
      scope: "top level",
    });
  });
}
