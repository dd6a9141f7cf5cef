"use server";

import { redirect } from "next/navigation";
import { type FormState, readComponentChanges, readWallTime, submittedValues, toFormState } from "@/app/admin/form-state.ts";
import { requireStaff } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import type { ComponentStatus } from "@/lib/domain.ts";
import { recordPastIncident } from "@/lib/incidents/record-past-incident.ts";
import type { RecordPastIncidentInput } from "@/lib/incidents/schemas.ts";
import { getPageSettings } from "@/lib/page/queries.ts";

export async function recordPastIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData);
  let id: string;
  try {
    const actor = await requireStaff();
    const db = getDb();
    const { timeZone } = await getPageSettings(db);
    ({ id } = await recordPastIncident({
      db,
      actor,
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
    }));
  } catch (error) {
    return toFormState(error, values);
  }
  redirect(`/admin/incidents/${id}`);
}
