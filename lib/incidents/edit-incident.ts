import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { ConflictError, parseInput } from "../errors.ts";
import { lockIncident } from "../updates/lock-incident.ts";
import { refreshIncident } from "../updates/refresh-incident.ts";
import { type EditIncidentInput, editIncidentSchema } from "./schemas.ts";

/** Renames an incident or sets its impact override, if nobody changed it since `version`. */
export async function editIncident(options: { db: Db; actor: Actor; input: EditIncidentInput }): Promise<void> {
  const input = parseInput(editIncidentSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "incident.write");
    await lockIncident(tx, input.incidentId);
    const before = await tx.incident.findUniqueOrThrow({ where: { id: input.incidentId } });
    if (before.version !== input.version) {
      throw new ConflictError(
        `This incident changed after you opened it (it is now “${before.name}”, ${before.status}, impact ${before.impact}). ` +
          "Your edits are still in the form: save again to apply them over it.",
        before.version,
      );
    }
    await tx.incident.update({ where: { id: before.id }, data: { name: input.name, impactOverride: input.impactOverride } });
    await refreshIncident(tx, before.id);
    await writeAudit(tx, {
      actor: options.actor,
      action: "incident.edited",
      targetType: "incident",
      targetId: before.id,
      before: { name: before.name, impactOverride: before.impactOverride },
      after: { name: input.name, impactOverride: input.impactOverride },
    });
    await notifyPublicChange(tx, { incidentIds: [before.id] });
  });
}
