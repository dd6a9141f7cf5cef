import { writeAudit } from "../audit/write-audit.ts";
import { type Actor, type SystemActor, staffIdOf } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import type { Db } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { addUpdate } from "../updates/add-update.ts";
import { refreshIncident } from "../updates/refresh-incident.ts";
import { type CreateIncidentInput, createIncidentSchema } from "./schemas.ts";

/** Opens an incident with its first update; `displayAt` back-dates it to when it really started. */
export async function createIncident(options: {
  db: Db;
  /** A system actor: alerts opening an incident from a mapping's template. */
  actor: Actor | SystemActor;
  input: CreateIncidentInput;
  idempotency?: IdempotencyKey;
}): Promise<{ id: string }> {
  const input = parseInput(createIncidentSchema, options.input);
  const { actor } = options;
  const at = input.displayAt ?? new Date();
  return inTransactionOnce(options.db, { idempotency: options.idempotency, operation: "incident.create", input }, async (tx) => {
    await authorize(tx, options.actor, "incident.write");
    const incident = await tx.incident.create({
      data: {
        kind: "incident",
        name: input.name,
        status: input.status,
        impactOverride: input.impactOverride,
        startedAt: at,
        createdById: staffIdOf(actor),
      },
    });
    const { changes } = await addUpdate(tx, {
      actor,
      incidentId: incident.id,
      status: input.status,
      body: input.message,
      displayAt: at,
      components: input.components,
      deliverNotifications: input.deliverNotifications,
    });
    await refreshIncident(tx, incident.id);
    await writeAudit(tx, {
      actor,
      action: "incident.created",
      targetType: "incident",
      targetId: incident.id,
      after: { name: input.name, status: input.status, impactOverride: input.impactOverride, startedAt: at, changes },
    });
    // Component statuses show on every public page.
    await notifyPublicChange(tx, { incidentIds: [incident.id], all: changes.length > 0 });
    return { id: incident.id };
  });
}
