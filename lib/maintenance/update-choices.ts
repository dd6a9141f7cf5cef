import { MAINTENANCE_STATUSES } from "../domain.ts";
import { maintenanceStep } from "./post-maintenance-update.ts";
import type { MaintenanceStatus } from "./window-steps.ts";

// What the staff page offers when posting an update on a window: the statuses its steps
// (window-steps.ts, maintenanceStep) allow from where it is, the natural next one first, and a
// hint saying what that update does to the window's components.

/** The natural next status, offered first in the update form. */
const NEXT: Record<MaintenanceStatus, MaintenanceStatus> = {
  scheduled: "in_progress",
  in_progress: "verifying",
  verifying: "completed",
  completed: "completed",
};

/** The statuses an update may move a window in `status` to, the natural next one first. */
export function nextStatusChoices(status: MaintenanceStatus): MaintenanceStatus[] {
  const allowed = MAINTENANCE_STATUSES.filter((to) => "step" in maintenanceStep(status, to));
  return [NEXT[status], ...allowed.filter((to) => to !== NEXT[status])];
}

/** What posting an update does now; `affected` names the window's components. */
export function updateHint(status: MaintenanceStatus, affected: string): string {
  if (status === "scheduled") return `In progress or Verifying starts it: ${affected} go under maintenance.`;
  if (status !== "completed")
    return `Completed ends it: ${affected} return to the status they had before (unless someone changed them meanwhile).`;
  return "It is over: you can add a note.";
}
