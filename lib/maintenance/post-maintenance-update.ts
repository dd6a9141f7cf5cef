import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import type { Db } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { addUpdate } from "../updates/add-update.ts";
import { refreshIncident } from "../updates/refresh-incident.ts";
import { type PostMaintenanceUpdateInput, postMaintenanceUpdateSchema } from "./schemas.ts";
import {
  assertStepNotBeforeNewest,
  completeWindow,
  lockWindow,
  type MaintenanceStatus,
  startWindow,
  stepInstant,
} from "./window-steps.ts";

/**
 * What an update of status `to` does to a window now at `from`: start it (its components go under
 * maintenance), complete it (they return to their status from before), only add a note, or
 * nothing because that move makes no sense (the reason, for the form).
 */
export function maintenanceStep(
  from: MaintenanceStatus,
  to: MaintenanceStatus,
): { step: "start" | "complete" | "note" } | { refused: string } {
  const running = (s: MaintenanceStatus) => s === "in_progress" || s === "verifying";
  if (from === "scheduled") {
    if (to === "scheduled") return { step: "note" };
    if (running(to)) return { step: "start" };
    return { refused: "It has not started: post “In progress” first, or cancel it." };
  }
  if (running(from)) {
    if (running(to)) return { step: "note" };
    if (to === "completed") return { step: "complete" };
    return { refused: "It has already started, so it cannot be scheduled again." };
  }
  if (to === "completed") return { step: "note" };
  return { refused: "It is completed: schedule a new window instead." };
}

/**
 * Posts an update on a maintenance window at any stage. Moving it to in progress (or verifying)
 * by hand starts it, and to completed completes it, exactly as the scheduler would; the time may
 * be back-dated like an incident update's, but a change of status not before the latest update.
 */
export async function postMaintenanceUpdate(options: {
  db: Db;
  actor: Actor;
  input: PostMaintenanceUpdateInput;
  /** Makes a retry of the same submission return the first result instead of writing again. */
  idempotency?: IdempotencyKey;
}): Promise<{ id: string }> {
  const input = parseInput(postMaintenanceUpdateSchema, options.input);
  return inTransactionOnce(
    options.db,
    { idempotency: options.idempotency, operation: "maintenance.post_update", input },
    async (tx) => {
      const actor = await authorize(tx, options.actor, "maintenance.write");
      const window = await lockWindow(tx, input.incidentId);
      const move = maintenanceStep(window.status as MaintenanceStatus, input.status);
      if ("refused" in move) throw new InvalidError("Some fields need attention.", { status: move.refused });
      let at = input.displayAt ?? new Date();
      if (move.step !== "note") {
        if (input.displayAt) await assertStepNotBeforeNewest(tx, window.id, at);
        else at = await stepInstant(tx, window.id, at);
      }
      const body = input.message;
      const { deliverNotifications } = input;
      const { update, changes } =
        move.step === "start"
          ? await startWindow(tx, {
              actor,
              window,
              status: input.status as "in_progress" | "verifying",
              body,
              at,
              deliverNotifications,
            })
          : move.step === "complete"
            ? await completeWindow(tx, { actor, window, body, at, deliverNotifications })
            : await addUpdate(tx, {
                actor,
                incidentId: window.id,
                status: input.status,
                body,
                displayAt: at,
                components: [],
                deliverNotifications,
              });
      await refreshIncident(tx, window.id);
      await writeAudit(tx, {
        actor,
        action: "maintenance.update_posted",
        targetType: "incident_update",
        targetId: update.id,
        after: { incidentId: window.id, status: input.status, body, displayAt: at, changes },
      });
      // The upcoming and active maintenance and component statuses show on every public page.
      await notifyPublicChange(tx, { incidentIds: [window.id], all: true });
      return { id: update.id };
    },
  );
}
