"use server";

import { readDeliverNotifications } from "@/components/admin/notify-field.tsx";
import type { ComponentStatus } from "@/lib/domain.ts";
import { type FormState, readComponentChanges, readWallTime } from "@/lib/forms/form-state.ts";
import { runStaffActionThenRedirect } from "@/lib/forms/run-action.ts";
import { createIncident } from "@/lib/incidents/create-incident.ts";
import type { CreateIncidentInput } from "@/lib/incidents/schemas.ts";

export async function createIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffActionThenRedirect(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    const { id } = await createIncident({
      db,
      actor,
      idempotency,
      input: {
        name: values.name ?? "",
        status: values.status as CreateIncidentInput["status"],
        impactOverride: (values.impactOverride || null) as CreateIncidentInput["impactOverride"],
        message: values.message ?? "",
        components: readComponentChanges<ComponentStatus>(values),
        displayAt: readWallTime(values, "displayAt", timeZone),
        deliverNotifications: readDeliverNotifications(values),
      },
    });
    return `/admin/incidents/${id}`;
  });
}
