"use server";

import type { FormState } from "@/lib/forms/form-state.ts";
import { decodeNewIncident } from "@/lib/forms/incident-forms.ts";
import { runStaffActionThenRedirect } from "@/lib/forms/run-action.ts";
import { createIncident } from "@/lib/incidents/create-incident.ts";

export async function createIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffActionThenRedirect(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    const { id } = await createIncident({ db, actor, idempotency, input: decodeNewIncident(values, { timeZone }) });
    return `/admin/incidents/${id}`;
  });
}
