import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import type { IdempotencyKey } from "../idempotency/in-transaction-once.ts";
import { postUpdate } from "./post-update.ts";
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
  const incident = await options.db.incident.findUnique({
    where: { id: input.incidentId },
    select: { components: { select: { componentId: true } } },
  });
  if (!incident) throw new NotFoundError("This incident no longer exists.");
  const keep = new Set(input.keepComponentIds);
  return postUpdate({
    db: options.db,
    actor: options.actor,
    idempotency: options.idempotency,
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
}
