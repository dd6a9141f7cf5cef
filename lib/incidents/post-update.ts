import type { z } from "zod";
import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { addUpdate } from "../updates/add-update.ts";
import { lockIncident } from "../updates/lock-incident.ts";
import { refreshIncident } from "../updates/refresh-incident.ts";
import { type PostUpdateInput, postUpdateSchema } from "./schemas.ts";

/**
 * Posts an update. Updates only add, so two staff posting at once both land; the incident's
 * status is then that of the newest by displayed time.
 */
export async function postUpdate(options: {
  db: Db;
  actor: Actor;
  input: PostUpdateInput;
  idempotency?: IdempotencyKey;
}): Promise<{ id: string }> {
  const input = parseInput(postUpdateSchema, options.input);
  return inTransactionOnce(
    options.db,
    { idempotency: options.idempotency, operation: "incident.post_update", input },
    async (tx) => {
      await authorize(tx, options.actor, "incident.write");
      return postUpdateInTransaction(tx, { actor: options.actor, input });
    },
  );
}

/**
 * The update posted inside the caller's transaction, the incident locked first (again, if the
 * caller locked it to read before deciding what to post, as resolveIncident does).
 */
export async function postUpdateInTransaction(
  tx: DbOrTx,
  options: { actor: Actor; input: z.output<typeof postUpdateSchema> },
): Promise<{ id: string }> {
  const { actor, input } = options;
  await lockIncident(tx, input.incidentId);
  const displayAt = input.displayAt ?? new Date();
  const { update, changes } = await addUpdate(tx, {
    actor,
    incidentId: input.incidentId,
    status: input.status,
    body: input.message,
    displayAt,
    components: input.components,
    deliverNotifications: input.deliverNotifications,
  });
  await refreshIncident(tx, input.incidentId);
  await writeAudit(tx, {
    actor,
    action: "incident.update_posted",
    targetType: "incident_update",
    targetId: update.id,
    after: { incidentId: input.incidentId, status: input.status, body: input.message, displayAt, changes },
  });
  // Component statuses show on every public page.
  await notifyPublicChange(tx, { incidentIds: [input.incidentId], all: changes.length > 0 });
  return { id: update.id };
}
