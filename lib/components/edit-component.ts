import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { ConflictError, NotFoundError, parseInput } from "../errors.ts";
import { assertGroupExists, endPosition, lockPageOrder } from "./page-order.ts";
import { type EditComponentInput, editComponentSchema } from "./schemas.ts";

/**
 * Renames, describes or moves a component to another group (last in it), if nobody changed it
 * since `version`; also whether the public page shows its uptime, or lists it only while it is
 * not operational. Its place within a group changes with moveComponent.
 */
export async function editComponent(options: { db: Db; actor: Actor; input: EditComponentInput }): Promise<void> {
  assertCan(options.actor, "component.edit");
  const { componentId, version, ...input } = parseInput(editComponentSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "component.edit");
    await lockPageOrder(tx);
    const before = await tx.component.findUnique({ where: { id: componentId } });
    if (!before) throw new NotFoundError("This component no longer exists.");
    await assertGroupExists(tx, input.groupId);
    const movesGroup = input.groupId !== before.groupId;
    const written = await tx.component.updateMany({
      where: { id: componentId, version },
      data: {
        ...input,
        ...(movesGroup ? { position: await endPosition(tx, input.groupId) } : {}),
        version: { increment: 1 },
      },
    });
    if (written.count === 0) {
      throw new ConflictError(
        `Someone changed this component after you opened it (it is now “${before.name}”). Save again to replace their change.`,
        before.version,
      );
    }
    await writeAudit(tx, {
      actor: options.actor,
      action: "component.edited",
      targetType: "component",
      targetId: componentId,
      before: {
        name: before.name,
        description: before.description,
        groupId: before.groupId,
        position: before.position,
        showUptime: before.showUptime,
        hideWhileOperational: before.hideWhileOperational,
      },
      after: input,
    });
    await notifyPublicChange(tx, { all: true });
  });
}
