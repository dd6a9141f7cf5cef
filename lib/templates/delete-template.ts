import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { deleteTemplateSchema } from "./schemas.ts";

export async function deleteTemplate(options: { db: Db; actor: Actor; input: { templateId: string } }): Promise<void> {
  const { templateId } = parseInput(deleteTemplateSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "template.write");
    const before = await tx.incidentTemplate.findUnique({ where: { id: templateId } });
    if (!before) throw new NotFoundError("This template was already deleted.");
    await tx.incidentTemplate.delete({ where: { id: templateId } });
    await writeAudit(tx, {
      actor: options.actor,
      action: "template.deleted",
      targetType: "template",
      targetId: templateId,
      before,
    });
  });
}
