"use server";

import type { FormState } from "@/lib/forms/form-state.ts";
import { decodePastIncident } from "@/lib/forms/incident-forms.ts";
import { runStaffActionThenRedirect } from "@/lib/forms/run-action.ts";
import { recordPastIncident } from "@/lib/incidents/record-past-incident.ts";

export async function recordPastIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffActionThenRedirect(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    const { id } = await recordPastIncident({ db, actor, idempotency, input: decodePastIncident(values, { timeZone }) });
    return `/admin/incidents/${id}`;
  });
}
