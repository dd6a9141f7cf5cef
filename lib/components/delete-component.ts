import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { setComponentStatusSchema } from "./schemas.ts";

const idOnly = setComponentStatusSchema.pick({ componentId: true });

/**
 * Deletes a component with its status history and uptime. Incidents keep their updates, which
 * still name it ("AuthKit: Operational → Degraded"), but no longer list it as affected.
 */
export async function deleteComponent(options: { db: Db; actor: Actor; input: { componentId: string } }): Promise<void> {
  assertCan(options.actor, "component.edit");
  const { componentId } = parseInput(idOnly, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "component.edit");
    const before = await tx.component.findUnique({ where: { id: componentId } });
    if (!before) throw new NotFoundError("This component was already deleted.");
    const historyRows = await tx.componentStatusChange.count({ where: { componentId } });
    await tx.component.delete({ where: { id: componentId } });
    await writeAudit(tx, {
      actor: options.actor,
      action: "component.deleted",
      targetType: "component",
      targetId: componentId,
      before: { name: before.name, status: before.status, groupId: before.groupId, historyRows },
    });
    await notifyPublicChange(tx, { all: true });
  });
}
