"use server";

import type { ComponentStatus } from "@/lib/domain.ts";
import { type FormState, readComponentChanges, readWallTime } from "@/lib/forms/form-state.ts";
import { runStaffActionThenRedirect } from "@/lib/forms/run-action.ts";
import { recordPastIncident } from "@/lib/incidents/record-past-incident.ts";
import type { RecordPastIncidentInput } from "@/lib/incidents/schemas.ts";

export async function recordPastIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffActionThenRedirect(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    const { id } = await recordPastIncident({
      db,
      actor,
      idempotency,
      input: {
        name: values.name ?? "",
        impactOverride: (values.impactOverride || null) as RecordPastIncidentInput["impactOverride"],
        message: values.message ?? "",
        components: readComponentChanges<ComponentStatus>(values),
        // Missing required times fail validation with the field's own message.
        startedAt: readWallTime(values, "startedAt", timeZone) as Date,
        resolvedAt: readWallTime(values, "resolvedAt", timeZone) as Date,
        displayAt: readWallTime(values, "displayAt", timeZone),
      },
    });
    return `/admin/incidents/${id}`;
  });
}
