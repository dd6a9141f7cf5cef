import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import type { Db } from "../db/client.ts";
import { InvalidError, NotFoundError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { type SaveTemplateInput, saveTemplateSchema } from "./schemas.ts";

/**
 * Creates (no `templateId`) or changes a template: an incident update's (a name, title, status and
 * message to prefill) or a postmortem's (its text). A retried submission (the same idempotency
 * key) saves once.
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
    // Locked, so that an alert mapping cannot take it up while it becomes a postmortem template.
    if (templateId) await tx.$executeRaw`SELECT 1 FROM "IncidentTemplate" WHERE id = ${templateId} FOR UPDATE`;
    const before = templateId ? await tx.incidentTemplate.findUnique({ where: { id: templateId } }) : null;
    if (templateId && !before) throw new NotFoundError("This template no longer exists.");
    if (before && before.kind !== input.kind && input.kind === "postmortem") {
      // An alert mapping opens incidents from its template: it cannot be a postmortem's.
      const mappings = await tx.alertMapping.findMany({ where: { templateId: before.id }, select: { name: true } });
      if (mappings.length) {
        const names = mappings.map((mapping) => `“${mapping.name}”`).join(", ");
        throw new InvalidError("Some fields need attention.", {
          kind: `Alert mappings open incidents from this template (${names}): give them another template first.`,
        });
      }
    }
    const saved = before
      ? await tx.incidentTemplate.update({ where: { id: before.id }, data: input })
      : await tx.incidentTemplate.create({ data: input });
    await writeAudit(tx, {
      actor: options.actor,
      action: before ? "template.edited" : "template.created",
      targetType: "template",
      targetId: saved.id,
      before: before
        ? { kind: before.kind, name: before.name, title: before.title, status: before.status, body: before.body }
        : undefined,
      after: input,
    });
    return { id: saved.id };
  });
}
