"use server";

import { redirect } from "next/navigation";
import { requireConfirmation } from "@/lib/forms/decode-form.ts";
import type { FormState } from "@/lib/forms/form-state.ts";
import { decodeDeleteIncident } from "@/lib/forms/incident-forms.ts";
import {
  decodeCancelMaintenance,
  decodeEditMaintenance,
  decodeMaintenanceStep,
  decodePostMaintenanceUpdate,
  decodeScheduleMaintenance,
  readMaintenanceStep,
} from "@/lib/forms/maintenance-forms.ts";
import { type ActionContext, runStaffAction } from "@/lib/forms/run-action.ts";
import { deleteIncident } from "@/lib/incidents/delete-incident.ts";
import { COMPLETED_MESSAGE, STARTED_MESSAGE } from "@/lib/maintenance/advance-maintenance.ts";
import { cancelMaintenance } from "@/lib/maintenance/cancel-maintenance.ts";
import { editMaintenance } from "@/lib/maintenance/edit-maintenance.ts";
import { postMaintenanceUpdate } from "@/lib/maintenance/post-maintenance-update.ts";
import { scheduleMaintenance } from "@/lib/maintenance/schedule-maintenance.ts";

const LIST = { path: () => "/admin/maintenance" };
const DETAIL = { path: (values: Record<string, string>) => `/admin/maintenance/${values.incidentId}` };

const detail = (formData: FormData, work: (context: ActionContext) => Promise<string>) => runStaffAction(formData, DETAIL, work);

export async function scheduleMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, LIST, async ({ actor, db, idempotency, timeZone, values }) => {
    await scheduleMaintenance({ db, actor, idempotency, input: decodeScheduleMaintenance(values, { timeZone }) });
    return "Maintenance scheduled.";
  });
}

/** The list's quick buttons: start now or complete now, with the standard message. */
export async function maintenanceStepAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, LIST, async ({ actor, db, idempotency, values }) => {
    const start = readMaintenanceStep(values) === "start";
    await postMaintenanceUpdate({
      db,
      actor,
      idempotency,
      input: {
        ...decodeMaintenanceStep(values),
        status: start ? "in_progress" : "completed",
        message: start ? STARTED_MESSAGE : COMPLETED_MESSAGE,
      },
    });
    return start ? "Maintenance started." : "Maintenance completed.";
  });
}

export async function postMaintenanceUpdateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return detail(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    await postMaintenanceUpdate({ db, actor, idempotency, input: decodePostMaintenanceUpdate(values, { timeZone }) });
    return "Update posted.";
  });
}

export async function editMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return detail(formData, async ({ actor, db, timeZone, values }) => {
    await editMaintenance({ db, actor, input: decodeEditMaintenance(values, { timeZone }) });
    return "Maintenance saved.";
  });
}

export async function cancelMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return detail(formData, async ({ actor, db, values }) => {
    await cancelMaintenance({ db, actor, input: decodeCancelMaintenance(values) });
    return "Maintenance cancelled.";
  });
}

export async function deleteMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runStaffAction(formData, LIST, async ({ actor, db, values }) => {
    requireConfirmation(values, "Confirm the deletion first.");
    await deleteIncident({ db, actor, input: decodeDeleteIncident(values) });
    return "Deleted.";
  });
  if (state.status === "saved") redirect("/admin/maintenance");
  return state;
}
