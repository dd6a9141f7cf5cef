import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { lockPageOrder, type MoveResult, moveAmong, topLevelOrder } from "./page-order.ts";
import { type MoveComponentGroupInput, moveComponentGroupSchema } from "./schemas.ts";

/** Moves a group one place up or down among the groups and ungrouped components of the page. */
export async function moveComponentGroup(options: { db: Db; actor: Actor; input: MoveComponentGroupInput }): Promise<MoveResult> {
  assertCan(options.actor, "component.edit");
  const { groupId, direction } = parseInput(moveComponentGroupSchema, options.input);
  return inTransaction(options.db, async (tx) => {
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
