import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import {
  type ComponentList,
  groupOrder,
  lockPageOrder,
  type MoveResult,
  placeAmong,
  placeIntoList,
  topLevelOrder,
} from "./page-order.ts";
import { type PlaceComponentInput, placeComponentSchema } from "./schemas.ts";

/**
 * Puts a component at a place (from 0) among its siblings, as a drag and drop does: within its
 * group, or, outside any group, among the groups and other ungrouped components of the top level.
 * With `toGroupId` it moves into that group (null: out of any group, to the top level), at that
 * place or last, as a drop on another list or "Move to group" does.
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
    const from = await listOf(tx, component.group);
    const toGroupId = input.toGroupId === undefined ? from.groupId : input.toGroupId;
    if (toGroupId === from.groupId) {
      // "Move to group" naming its own group leaves it where it is.
      if (input.index === undefined) {
        const at = from.siblings.findIndex((item) => item.kind === "component" && item.id === input.componentId);
        return { name: from.siblings[at]!.name, index: at + 1, count: from.siblings.length, moved: false };
      }
      return placeAmong(tx, {
        actor: options.actor,
        siblings: from.siblings,
        target: { kind: "component", id: input.componentId },
        index: input.index,
        scope: from.scope,
      });
    }
    const group = toGroupId
      ? await tx.componentGroup.findUnique({ where: { id: toGroupId }, select: { id: true, name: true } })
      : null;
    if (toGroupId && !group) throw new NotFoundError("That group no longer exists: reload the page.");
    return placeIntoList(tx, {
      actor: options.actor,
      componentId: input.componentId,
      from,
      into: await listOf(tx, group),
      // Without a place, last.
      index: input.index ?? Number.MAX_SAFE_INTEGER,
    });
  });
}

/** The order a component in `group` (null: none) is part of. */
async function listOf(tx: DbOrTx, group: { id: string; name: string } | null): Promise<ComponentList> {
  return group
    ? { groupId: group.id, siblings: await groupOrder(tx, group.id), scope: `group “${group.name}”` }
    : { groupId: null, siblings: await topLevelOrder(tx), scope: "top level" };
}
