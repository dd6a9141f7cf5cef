import { writeAudit } from "../audit/write-audit.ts";
import type { Actor, SystemActor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { refreshIncident } from "../updates/refresh-incident.ts";
import { maintenanceIdSchema } from "./schemas.ts";
import { completeWindow, lockWindow, startWindow, stepInstant } from "./window-steps.ts";

export const STARTED_MESSAGE = "Scheduled maintenance is currently in progress. We will provide updates as necessary.";
export const COMPLETED_MESSAGE = "The scheduled maintenance has been completed.";

/**
 * Starts (components go under maintenance, their previous status kept to restore) or completes
 * (components return to that status, unless someone changed them meanwhile) a maintenance window
 * at `at`, or at its newest update when that is later. A window already past that step is left
 * alone, so the scheduler and a person clicking at the same moment do it once. The scheduler
 * acts as `systemActor("scheduler")`, which the policy allows maintenance and nothing else.
 */
export async function advanceMaintenance(options: {
  db: Db;
  actor: Actor | SystemActor;
  input: { incidentId: string };
  step: "start" | "complete";
  at: Date;
  message?: string;
}): Promise<boolean> {
  const { incidentId } = parseInput(maintenanceIdSchema, options.input);
  const { step, actor } = options;
  return inTransaction(options.db, async (tx) => {
    await authorize(tx, actor, "maintenance.write");
    const window = await lockWindow(tx, incidentId);
    const due = step === "start" ? window.status === "scheduled" : window.status !== "completed";
    if (!due) return false;
    const at = await stepInstant(tx, incidentId, options.at);
    if (step === "start") {
      await startWindow(tx, { actor, window, status: "in_progress", body: options.message || STARTED_MESSAGE, at });
    } else {
      await completeWindow(tx, { actor, window, body: options.message || COMPLETED_MESSAGE, at });
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
