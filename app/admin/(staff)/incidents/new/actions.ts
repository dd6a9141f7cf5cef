"use server";

import { redirect } from "next/navigation";
import { type FormState, readComponentChanges, readWallTime, submittedValues, toFormState } from "@/app/admin/form-state.ts";
import { requireStaff } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import type { ComponentStatus } from "@/lib/domain.ts";
import { createIncident } from "@/lib/incidents/create-incident.ts";
import type { CreateIncidentInput } from "@/lib/incidents/schemas.ts";
import { getPageSettings } from "@/lib/page/queries.ts";

export async function createIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData);
  let id: string;
  try {
    const actor = await requireStaff();
    const db = getDb();
    const { timeZone } = await getPageSettings(db);
    ({ id } = await createIncident({
      db,
      actor,
      input: {
        name: values.name ?? "",
        status: values.status as CreateIncidentInput["status"],
        impactOverride: (values.impactOverride || null) as CreateIncidentInput["impactOverride"],
        message: values.message ?? "",
        components: readComponentChanges<ComponentStatus>(values),
        displayAt: readWallTime(values, "displayAt", timeZone),
      },
    }));
  } catch (error) {
    return toFormState(error, values);
  }
  redirect(`/admin/incidents/${id}`);
}
