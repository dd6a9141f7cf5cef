"use server";

import { type FormState, readWallTime } from "@/app/admin/form-state.ts";
import { runStaffAction } from "@/app/admin/run-action.ts";
import { InvalidError } from "@/lib/errors.ts";
import { deleteIncident } from "@/lib/incidents/delete-incident.ts";
import { advanceMaintenance } from "@/lib/maintenance/advance-maintenance.ts";
import { scheduleMaintenance } from "@/lib/maintenance/schedule-maintenance.ts";

const PAGE = { path: () => "/admin/maintenance" };

export async function scheduleMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, PAGE, async ({ actor, db, timeZone, values }) => {
    await scheduleMaintenance({
      db,
      actor,
      input: {
        name: values.name ?? "",
        message: values.message ?? "",
        scheduledFor: readWallTime(values, "scheduledFor", timeZone) as Date,
        scheduledUntil: readWallTime(values, "scheduledUntil", timeZone) as Date,
        componentIds: Object.keys(values)
          .filter((k) => k.startsWith("affects:"))
          .map((k) => k.slice("affects:".length)),
        autoStart: values.autoStart === "on",
        autoComplete: values.autoComplete === "on",
      },
    });
    return "Maintenance scheduled.";
  });
}

/** Start now, complete now, or cancel (delete) a window that has not started. */
export async function maintenanceStepAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, PAGE, async ({ actor, db, values }) => {
    const incidentId = values.incidentId ?? "";
    if (values.intent === "cancel") {
      await deleteIncident({ db, actor, input: { incidentId } });
      return "Maintenance cancelled.";
    }
    if (values.intent !== "start" && values.intent !== "complete") throw new InvalidError("Choose what to do.");
    const done = await advanceMaintenance({ db, actor, input: { incidentId }, step: values.intent, at: new Date() });
    return done
      ? values.intent === "start"
        ? "Maintenance started."
        : "Maintenance completed."
      : "Nothing to do: it had already moved on.";
  });
}
