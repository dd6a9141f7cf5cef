"use server";

import { redirect } from "next/navigation";
import { requireConfirmation } from "@/lib/forms/decode-form.ts";
import type { FormState } from "@/lib/forms/form-state.ts";
import {
  decodeDeleteIncident,
  decodeEditIncident,
  decodeEditUpdate,
  decodePostUpdate,
  decodeResolveIncident,
} from "@/lib/forms/incident-forms.ts";
import { type ActionContext, runStaffAction } from "@/lib/forms/run-action.ts";
import { deleteIncident } from "@/lib/incidents/delete-incident.ts";
import { editIncident } from "@/lib/incidents/edit-incident.ts";
import { editUpdate } from "@/lib/incidents/edit-update.ts";
import { postUpdate } from "@/lib/incidents/post-update.ts";
import { resolveIncident } from "@/lib/incidents/resolve-incident.ts";

const PAGE = { path: (values: Record<string, string>) => `/admin/incidents/${values.incidentId}` };

async function run(formData: FormData, work: (context: ActionContext) => Promise<string>): Promise<FormState> {
  return runStaffAction(formData, PAGE, work);
}

export async function postUpdateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    await postUpdate({ db, actor, idempotency, input: decodePostUpdate(values, { timeZone }) });
    return "Update posted.";
  });
}

export async function resolveIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    await resolveIncident({ db, actor, idempotency, input: decodeResolveIncident(values, { timeZone }) });
    return "Incident resolved.";
  });
}

export async function editUpdateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, timeZone, values }) => {
    await editUpdate({ db, actor, input: decodeEditUpdate(values, { timeZone }) });
    return "Update saved.";
  });
}

export async function editIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, values }) => {
    await editIncident({ db, actor, input: decodeEditIncident(values) });
    return "Incident saved.";
  });
}

export async function deleteIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await run(formData, async ({ actor, db, values }) => {
    requireConfirmation(values, "Confirm the deletion first.");
    await deleteIncident({ db, actor, input: decodeDeleteIncident(values) });
    return "Deleted.";
  });
  if (state.status === "saved") redirect("/admin");
  return state;
}
