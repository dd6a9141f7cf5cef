"use server";

import { redirect } from "next/navigation";
import { readDeliverNotifications, readRemindBeforeMinutes } from "@/components/admin/notify-field.tsx";
import { InvalidError } from "@/lib/errors.ts";
import { type FormState, readWallTime } from "@/lib/forms/form-state.ts";
import { type ActionContext, runStaffAction } from "@/lib/forms/run-action.ts";
import { deleteIncident } from "@/lib/incidents/delete-incident.ts";
import { COMPLETED_MESSAGE, STARTED_MESSAGE } from "@/lib/maintenance/advance-maintenance.ts";
import { cancelMaintenance } from "@/lib/maintenance/cancel-maintenance.ts";
import { editMaintenance } from "@/lib/maintenance/edit-maintenance.ts";
import { postMaintenanceUpdate } from "@/lib/maintenance/post-maintenance-update.ts";
import { scheduleMaintenance } from "@/lib/maintenance/schedule-maintenance.ts";
import type { PostMaintenanceUpdateInput } from "@/lib/maintenance/schemas.ts";

const LIST = { path: () => "/admin/maintenance" };
const DETAIL = { path: (v: Record<string, string>) => `/admin/maintenance/${v.incidentId}` };

/** The window fields shared by the schedule and edit forms; times are typed in the page's zone. */
function readWindow(values: Record<string, string>, timeZone: string) {
  return {
    name: values.name ?? "",
    scheduledFor: readWallTime(values, "scheduledFor", timeZone) as Date,
    scheduledUntil: readWallTime(values, "scheduledUntil", timeZone) as Date,
    componentIds: Object.keys(values)
      .filter((k) => k.startsWith("affects:"))
      .map((k) => k.slice("affects:".length)),
    autoStart: values.autoStart === "on",
    autoComplete: values.autoComplete === "on",
  };
}

const versionOf = (values: Record<string, string>) => (values.version ? Number(values.version) : Number.NaN);
const detail = (formData: FormData, work: (context: ActionContext) => Promise<string>) => runStaffAction(formData, DETAIL, work);

export async function scheduleMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, LIST, async ({ actor, db, idempotency, timeZone, values }) => {
    await scheduleMaintenance({
      db,
      actor,
      idempotency,
      input: {
        ...readWindow(values, timeZone),
        message: values.message ?? "",
        deliverNotifications: readDeliverNotifications(values),
        remindBeforeMinutes: readRemindBeforeMinutes(values),
      },
    });
    return "Maintenance scheduled.";
  });
}

/** The list's quick buttons: start now or complete now, with the standard message. */
export async function maintenanceStepAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, LIST, async ({ actor, db, idempotency, values }) => {
    if (values.intent !== "start" && values.intent !== "complete") throw new InvalidError("Choose what to do.");
    const start = values.intent === "start";
    await postMaintenanceUpdate({
      db,
      actor,
      idempotency,
      input: {
        incidentId: values.incidentId ?? "",
        status: start ? "in_progress" : "completed",
        message: start ? STARTED_MESSAGE : COMPLETED_MESSAGE,
        deliverNotifications: readDeliverNotifications(values),
      },
    });
    return start ? "Maintenance started." : "Maintenance completed.";
  });
}

export async function postMaintenanceUpdateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return detail(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    await postMaintenanceUpdate({
      db,
      actor,
      idempotency,
      input: {
        incidentId: values.incidentId ?? "",
        status: values.status as PostMaintenanceUpdateInput["status"],
        message: values.message ?? "",
        displayAt: readWallTime(values, "displayAt", timeZone),
        deliverNotifications: readDeliverNotifications(values),
      },
    });
    return "Update posted.";
  });
}

export async function editMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return detail(formData, async ({ actor, db, timeZone, values }) => {
    await editMaintenance({
      db,
      actor,
      input: { ...readWindow(values, timeZone), incidentId: values.incidentId ?? "", version: versionOf(values) },
    });
    return "Maintenance saved.";
  });
}

export async function cancelMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return detail(formData, async ({ actor, db, values }) => {
    await cancelMaintenance({
      db,
      actor,
      input: {
        incidentId: values.incidentId ?? "",
        message: values.message,
        deliverNotifications: readDeliverNotifications(values),
      },
    });
    return "Maintenance cancelled.";
  });
}

export async function deleteMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runStaffAction(formData, LIST, async ({ actor, db, values }) => {
    if (values.confirm !== "yes") throw new InvalidError("Confirm the deletion first.", { confirm: "Tick this box to confirm." });
    await deleteIncident({ db, actor, input: { incidentId: values.incidentId ?? "" } });
    return "Deleted.";
  });
  if (state.status === "saved") redirect("/admin/maintenance");
  return state;
}
