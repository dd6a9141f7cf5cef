import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { assertCanEditComponents } from "./assert-admin-for-components.ts";
import { deleteGroupSchema } from "./schemas.ts";

/** Deletes a group; its components stay, outside any group. */
export async function deleteComponentGroup(options: { db: Db; actor: Actor; input: { groupId: string } }): Promise<void> {
  assertCanEditComponents(options.actor);
  const { groupId } = parseInput(deleteGroupSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    const before = await tx.componentGroup.findUnique({
      where: { id: groupId },
      include: { _count: { select: { components: true } } },
    });
    if (!before) throw new NotFoundError("This group was already deleted.");
    await tx.componentGroup.delete({ where: { id: before.id } });
    await writeAudit(tx, {
      actor: options.actor,
      action: "component_group.deleted",
      targetType: "component_group",
      targetId: before.id,
      before: { name: before.name, components: before._count.components },
    });
    await notifyPublicChange(tx, { all: true });
  });
}
