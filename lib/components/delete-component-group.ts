import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { componentIdsOf, groupOrder, lockPageOrder, topLevelOrder, writeOrder } from "./page-order.ts";
import { lockComponents } from "./record-status-change.ts";
import { deleteGroupSchema } from "./schemas.ts";

/**
 * Deletes a group. Its components stay, with their status history and uptime, outside any group:
 * in the group's place on the page, in the group's order.
 */
export async function deleteComponentGroup(options: { db: Db; actor: Actor; input: { groupId: string } }): Promise<void> {
  assertCan(options.actor, "component.edit");
  const { groupId } = parseInput(deleteGroupSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "component.edit");
    await lockPageOrder(tx);
    const before = await tx.componentGroup.findUnique({ where: { id: groupId } });
    if (!before) throw new NotFoundError("This group was already deleted.");
    const members = await groupOrder(tx, groupId);
    const topLevel = await topLevelOrder(tx);
    // Deleting the group sets its members' group to none, locking them in no set order: all the
    // components this changes are locked first, in the order every writer of several uses.
    await lockComponents(tx, componentIdsOf([...members, ...topLevel]));
    await tx.componentGroup.delete({ where: { id: before.id } });
    const place = topLevel.findIndex((item) => item.kind === "group" && item.id === groupId);
    await writeOrder(tx, topLevel.toSpliced(place, 1, ...members));
    await writeAudit(tx, {
      actor: options.actor,
      action: "component_group.deleted",
      targetType: "component_group",
      targetId: before.id,
      before: { name: before.name, components: members.map((m) => m.name) },
    });
    await notifyPublicChange(tx, { all: true });
  });
}
