import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import { addUpdate } from "../incidents/add-update.ts";
import { type ScheduleMaintenanceInput, scheduleMaintenanceSchema } from "./schemas.ts";

/**
 * Announces a maintenance window. Its components are untouched until it starts: at `scheduledFor`
 * (by the scheduler when `autoStart`), they go under maintenance.
 */
export async function scheduleMaintenance(options: {
  db: Db;
  actor: Actor;
  input: ScheduleMaintenanceInput;
}): Promise<{ id: string }> {
  const input = parseInput(scheduleMaintenanceSchema, options.input);
  return inTransaction(options.db, async (tx) => {
    const found = await tx.component.count({ where: { id: { in: input.componentIds } } });
    if (found !== new Set(input.componentIds).size) throw new InvalidError("A component was deleted meanwhile: reload the page.");
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
        createdById: options.actor.id,
        components: { create: input.componentIds.map((componentId) => ({ componentId })) },
      },
    });
    await addUpdate(tx, {
      actor: options.actor,
      incidentId: maintenance.id,
      status: "scheduled",
      body: input.message,
      // Entered after the fact, the announcement still comes before the window's own updates.
      displayAt: new Date(Math.min(Date.now(), input.scheduledFor.getTime())),
      components: [],
    });
    await writeAudit(tx, {
      actor: options.actor,
      action: "maintenance.scheduled",
      targetType: "incident",
      targetId: maintenance.id,
      after: input,
    });
    await notifyPublicChange(tx, { incidentIds: [maintenance.id] });
    return { id: maintenance.id };
  });
}
