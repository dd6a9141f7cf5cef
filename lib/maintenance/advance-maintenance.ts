import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { statusAt } from "../components/record-status-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { ForbiddenError, InvalidError, parseInput } from "../errors.ts";
import { addUpdate } from "../incidents/add-update.ts";
import { lockIncident } from "../incidents/lock-incident.ts";
import { refreshIncident } from "../incidents/refresh-incident.ts";
import { maintenanceIdSchema } from "./schemas.ts";

export const STARTED_MESSAGE = "Scheduled maintenance is currently in progress. We will provide updates as necessary.";
export const COMPLETED_MESSAGE = "The scheduled maintenance has been completed.";

/**
 * Starts (components go under maintenance, their previous status kept to restore) or completes
 * (components return to that status, unless someone changed them meanwhile) a maintenance window
 * at `at`. A window already past that step is left alone, so the scheduler and a person clicking
 * at the same moment do it once. `actor` is null when the scheduler acts.
 */
export async function advanceMaintenance(options: {
  db: Db;
  actor: Actor | null;
  input: { incidentId: string };
  step: "start" | "complete";
  at: Date;
  message?: string;
}): Promise<boolean> {
  const { incidentId } = parseInput(maintenanceIdSchema, options.input);
  const { step, at, actor } = options;
  return inTransaction(options.db, async (tx) => {
    await lockIncident(tx, incidentId);
    const maintenance = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { components: true } });
    if (maintenance.kind !== "maintenance") throw new ForbiddenError("This is not a maintenance window.");
    const due = step === "start" ? maintenance.status === "scheduled" : maintenance.status !== "completed";
    if (!due) return false;
    if (step === "start") {
      const { changes } = await addUpdate(tx, {
        actor,
        incidentId,
        status: "in_progress",
        body: options.message || STARTED_MESSAGE,
        displayAt: at,
        components: maintenance.components.map((c) => ({ componentId: c.componentId, status: "under_maintenance" as const })),
        source: "maintenance",
      });
      for (const c of changes.filter((change) => change.oldStatus !== change.newStatus)) {
        await tx.incidentComponent.update({
          where: { incidentId_componentId: { incidentId, componentId: c.componentId } },
          data: { statusBefore: c.oldStatus },
        });
      }
    } else {
      const restore = [];
      for (const c of maintenance.components) {
        if (c.statusBefore && (await statusAt(tx, c.componentId, at)) === "under_maintenance") {
          restore.push({ componentId: c.componentId, status: c.statusBefore });
        }
      }
      if (at < (maintenance.scheduledFor ?? at)) throw new InvalidError("A window cannot complete before it starts.");
      await addUpdate(tx, {
        actor,
        incidentId,
        status: "completed",
        body: options.message || COMPLETED_MESSAGE,
        displayAt: at,
        components: restore,
        source: "maintenance",
      });
    }
    await refreshIncident(tx, incidentId);
    await writeAudit(tx, {
      actor,
      action: step === "start" ? "maintenance.started" : "maintenance.completed",
      targetType: "incident",
      targetId: incidentId,
      after: { at },
    });
    await notifyPublicChange(tx, { incidentIds: [incidentId], all: true });
    return true;
  });
}
