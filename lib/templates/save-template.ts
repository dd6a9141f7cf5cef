import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { type SaveTemplateInput, saveTemplateSchema } from "./schemas.ts";

/** Creates (no `templateId`) or changes an incident template: a name, title, status and message to prefill. */
export async function saveTemplate(options: { db: Db; actor: Actor; input: SaveTemplateInput }): Promise<{ id: string }> {
  const { templateId, ...input } = parseInput(saveTemplateSchema, options.input);
  return inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "template.write");
    const before = templateId ? await tx.incidentTemplate.findUnique({ where: { id: templateId } }) : null;
    if (templateId && !before) throw new NotFoundError("This template no longer exists.");
    const saved = before
      ? await tx.incidentTemplate.update({ where: { id: before.id }, data: input })
      : await tx.incidentTemplate.create({ data: { ...input, kind: "incident" } });
    await writeAudit(tx, {
      actor: options.actor,
      action: before ? "template.edited" : "template.created",
      targetType: "template",
      targetId: saved.id,
      before: before ? { name: before.name, title: before.title, status: before.status, body: before.body } : undefined,
      after: input,
    });
    return { id: saved.id };
  });
}
