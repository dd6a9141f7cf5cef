"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { COMPONENT_CHANGE } from "@/lib/forms/field-names.ts";
import { toFormState } from "@/lib/forms/form-state.ts";
import { editIncident } from "@/lib/incidents/edit-incident.ts";
import { loadCustomerPreview } from "@/lib/incidents/load-customer-preview.ts";
import type { CustomerPreview } from "@/lib/incidents/preview-for-customers.ts";
import { impactOverride } from "@/lib/incidents/schemas.ts";

/** What customers would see if the incident or update form were posted now (fields as submitted). */
export async function previewForCustomersAction(values: Record<string, string>): Promise<CustomerPreview | null> {
  await requireStaff();
  const changes = Object.fromEntries(
    Object.entries(values)
      .filter(([name]) => name.startsWith(COMPONENT_CHANGE))
      .map(([name, status]) => [name.slice(COMPONENT_CHANGE.length), status]),
  );
  return loadCustomerPreview(getDb(), {
    incidentId: values.incidentId || null,
    status: values.status ?? "",
    impactOverride: values.impactOverride,
    changes,
  });
}

/**
 * Sets an open incident's impact (the preview's offer when its impact alone holds the banner
 * worse than its components), through the same write as "Edit name and impact".
 */
export async function setIncidentImpactAction(incidentId: string, impact: string): Promise<{ error?: string }> {
  const actor = await requireStaff();
  const db = getDb();
  const incident = await db.incident.findUnique({ where: { id: incidentId }, select: { name: true, version: true } });
  if (!incident) return { error: "This incident no longer exists." };
  const chosen = impactOverride.safeParse(impact);
  if (!chosen.success) return { error: "Choose an impact." };
  try {
    await editIncident({
      db,
      actor,
      input: { incidentId, version: incident.version, name: incident.name, impactOverride: chosen.data },
    });
  } catch (error) {
    return { error: toFormState(error, {}).message ?? "The impact was not changed." };
  }
  revalidatePath(`/admin/incidents/${incidentId}`);
  return {};
}
