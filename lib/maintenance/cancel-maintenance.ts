import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import { refreshIncident } from "../updates/refresh-incident.ts";
import { type CancelMaintenanceInput, cancelMaintenanceSchema } from "./schemas.ts";
import { completeWindow, lockWindow, stepInstant } from "./window-steps.ts";

export const CANCELLED_MESSAGE = "This scheduled maintenance has been cancelled.";
export const CANCELLED_ACTION = "maintenance.cancelled";

/**
 * Cancels a window that has not completed, keeping it and its updates: a final update says so,
 * and the components it put under maintenance return to their status from before. Statuspage's
 * maintenance statuses have no "cancelled", so the window ends as `completed` (it leaves the
 * upcoming and active lists of the page and the API); the audit row marks it as cancelled.
 */
export async function cancelMaintenance(options: { db: Db; actor: Actor; input: CancelMaintenanceInput }): Promise<void> {
  const input = parseInput(cancelMaintenanceSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    const actor = await authorize(tx, options.actor, "maintenance.write");
    const window = await lockWindow(tx, input.incidentId);
    if (window.status === "completed") throw new InvalidError("It is already completed, so there is nothing to cancel.");
    const at = await stepInstant(tx, window.id, new Date());
    // Pages call the window and this closing update "Cancelled" (lib/incidents/labels.ts).
    const { update, changes } = await completeWindow(tx, {
      actor,
      window,
      body: input.message || CANCELLED_MESSAGE,
      at,
      cancels: true,
      deliverNotifications: input.deliverNotifications,
    });
    await tx.incident.update({ where: { id: window.id }, data: { cancelledAt: update.displayAt } });
    await refreshIncident(tx, window.id);
    await writeAudit(tx, {
      actor,
      action: CANCELLED_ACTION,
      targetType: "incident",
      targetId: window.id,
      before: { status: window.status },
      after: { at, updateId: update.id, body: update.body, changes },
    });
    await notifyPublicChange(tx, { incidentIds: [window.id], all: true });
  });
}
