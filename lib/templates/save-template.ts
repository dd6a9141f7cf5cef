import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { type SaveTemplateInput, saveTemplateSchema } from "./schemas.ts";

/**
 * Creates (no `templateId`) or changes an incident template: a name, title, status and message to
 * prefill. A retried submission (the same idempotency key) saves once.
 */
export async function saveTemplate(options: {
  db: Db;
  actor: Actor;
  input: SaveTemplateInput;
  idempotency?: IdempotencyKey;
}): Promise<{ id: string }> {
  const parsed = parseInput(saveTemplateSchema, options.input);
  const { templateId, ...input } = parsed;
  const once = { idempotency: options.idempotency, operation: "template.save", input: parsed };
  return inTransactionOnce(options.db, once, async (tx) => {
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
