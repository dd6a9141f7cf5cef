import { writeAudit } from "../audit/write-audit.ts";
import { type Actor, staffIdOf } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import type { Db } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { addUpdate } from "../updates/add-update.ts";
import { assertComponentsExist } from "./assert-components-exist.ts";
import { type ScheduleMaintenanceInput, scheduleMaintenanceSchema } from "./schemas.ts";

/**
 * Announces a maintenance window. Its components are untouched until it starts: at `scheduledFor`
 * (by the scheduler when `autoStart`), they go under maintenance.
 */
export async function scheduleMaintenance(options: {
  db: Db;
  actor: Actor;
  input: ScheduleMaintenanceInput;
  /** Makes a retry of the same submission return the first result instead of writing again. */
  idempotency?: IdempotencyKey;
}): Promise<{ id: string }> {
  const input = parseInput(scheduleMaintenanceSchema, options.input);
  return inTransactionOnce(
    options.db,
    { idempotency: options.idempotency, operation: "maintenance.schedule", input },
    async (tx) => {
      const actor = await authorize(tx, options.actor, "maintenance.write");
      await assertComponentsExist(tx, input.componentIds);
      const maintenance = await tx.incident.create({
        data: {
          kind: "maintenance",
          name: input.name,
          status: "scheduled",
          impact: "maintenance",
          startedAt: input.scheduledFor,
          scheduledFor: input.scheduledFor,
          scheduledUntil: input.scheduledUntil,
          autoStart: input.autoStart,
          autoComplete: input.autoComplete,
          remindBeforeMinutes: input.remindBeforeMinutes,
          createdById: staffIdOf(actor),
          components: { create: input.componentIds.map((componentId) => ({ componentId })) },
        },
      });
      await addUpdate(tx, {
        actor,
        incidentId: maintenance.id,
        status: "scheduled",
        body: input.message,
        // Entered after the fact, the announcement still comes before the window's own updates.
        displayAt: new Date(Math.min(Date.now(), input.scheduledFor.getTime())),
        components: [],
        deliverNotifications: input.deliverNotifications,
      });
      await writeAudit(tx, {
        actor,
        action: "maintenance.scheduled",
        targetType: "incident",
        targetId: maintenance.id,
        after: input,
      });
      await notifyPublicChange(tx, { incidentIds: [maintenance.id] });
      return { id: maintenance.id };
    },
  );
}
