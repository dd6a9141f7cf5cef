import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { lockIncident } from "../updates/lock-incident.ts";
import { postUpdateInTransaction } from "./post-update.ts";
import { type ResolveIncidentInput, resolveIncidentSchema } from "./schemas.ts";

/**
 * Posts the `resolved` update. The incident's affected components return to operational at that
 * instant, except those listed in `keepComponentIds`.
 */
export async function resolveIncident(options: {
  db: Db;
  actor: Actor;
  input: ResolveIncidentInput;
  idempotency?: IdempotencyKey;
}): Promise<{ id: string }> {
  const input = parseInput(resolveIncidentSchema, options.input);
  return inTransactionOnce(options.db, { idempotency: options.idempotency, operation: "incident.resolve", input }, async (tx) => {
    await authorize(tx, options.actor, "incident.write");
    // Locked before reading its components, so one that another update adds meanwhile is
    // returned to operational too.
    await lockIncident(tx, input.incidentId);
    const incident = await tx.incident.findUnique({
      where: { id: input.incidentId },
      select: { components: { select: { componentId: true } } },
    });
    if (!incident) throw new NotFoundError("This incident no longer exists.");
    const keep = new Set(input.keepComponentIds);
    return postUpdateInTransaction(tx, {
      actor: options.actor,
      input: {
        incidentId: input.incidentId,
        status: "resolved",
        message: input.message,
        displayAt: input.displayAt,
        deliverNotifications: input.deliverNotifications,
        components: incident.components
          .filter((c) => !keep.has(c.componentId))
          .map((c) => ({ componentId: c.componentId, status: "operational" as const })),
      },
    });
  });
}
