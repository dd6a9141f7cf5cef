import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError, NotFoundError, parseInput } from "../errors.ts";
import { evaluateComponent } from "./core/evaluate-component.ts";
import { type SaveAlertMappingInput, saveAlertMappingSchema } from "./schemas.ts";

/**
 * Creates (no `mappingId`) or changes a mapping from alert labels to a component. The components
 * it concerned and concerns are brought in line with the alerts firing now, at once.
 */
export async function saveAlertMapping(options: { db: Db; actor: Actor; input: SaveAlertMappingInput }): Promise<{ id: string }> {
  const { mappingId, ...input } = parseInput(saveAlertMappingSchema, options.input);
  return inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "alert.mapping");
    const before = mappingId ? await tx.alertMapping.findUnique({ where: { id: mappingId } }) : null;
    if (mappingId && !before) throw new NotFoundError("This mapping no longer exists.");
    const component = await tx.component.findUnique({ where: { id: input.componentId }, select: { id: true } });
    if (!component) throw new InvalidError("Some fields need attention.", { componentId: "This component no longer exists." });
    if (input.templateId) {
      // Held until this commits, so that the template cannot meanwhile become a postmortem's (saveTemplate).
      await tx.$executeRaw`SELECT 1 FROM "IncidentTemplate" WHERE id = ${input.templateId} FOR SHARE`;
      const template = await tx.incidentTemplate.findUnique({ where: { id: input.templateId }, select: { kind: true } });
      if (!template) throw new InvalidError("Some fields need attention.", { templateId: "This template no longer exists." });
      if (template.kind !== "update") {
        throw new InvalidError("Some fields need attention.", { templateId: "Choose an incident update template." });
      }
    }
    const saved = before
      ? await tx.alertMapping.update({ where: { id: before.id }, data: input })
      : await tx.alertMapping.create({ data: input });
    await writeAudit(tx, {
      actor: options.actor,
      action: before ? "alert_mapping.edited" : "alert_mapping.created",
      targetType: "alert_mapping",
      targetId: saved.id,
      before: before
        ? {
            name: before.name,
            matchers: before.matchers,
            componentId: before.componentId,
            status: before.status,
            minHoldSeconds: before.minHoldSeconds,
            templateId: before.templateId,
          }
        : undefined,
      after: input,
    });
    const concerned = [...new Set([before?.componentId, saved.componentId].filter((id): id is string => !!id))].sort();
    for (const componentId of concerned) await evaluateComponent(tx, { componentId, actor: options.actor });
    return { id: saved.id };
  });
}
