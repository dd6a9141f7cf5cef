import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { evaluateComponent } from "./core/evaluate-component.ts";
import { type DeleteAlertMappingInput, deleteAlertMappingSchema } from "./schemas.ts";

/** Deletes a mapping; a status only it was holding returns (after its hold) as if its alerts resolved. */
export async function deleteAlertMapping(options: { db: Db; actor: Actor; input: DeleteAlertMappingInput }): Promise<void> {
  const { mappingId } = parseInput(deleteAlertMappingSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "alert.mapping");
    const before = await tx.alertMapping.findUnique({ where: { id: mappingId } });
    if (!before) throw new NotFoundError("This mapping was already deleted.");
    await tx.alertMapping.delete({ where: { id: mappingId } });
    await writeAudit(tx, {
      actor: options.actor,
      action: "alert_mapping.deleted",
      targetType: "alert_mapping",
      targetId: mappingId,
      before,
    });
    await evaluateComponent(tx, { componentId: before.componentId, actor: options.actor });
  });
}
