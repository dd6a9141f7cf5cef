"use server";

import { deleteAlertMapping } from "@/lib/alerts/delete-alert-mapping.ts";
import { saveAlertMapping } from "@/lib/alerts/save-alert-mapping.ts";
import { requireStaffFor } from "@/lib/auth/require-staff.ts";
import type { FormState } from "@/lib/forms/form-state.ts";
import { runStaffAction } from "@/lib/forms/run-action.ts";

export async function saveAlertMappingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(
    formData,
    { path: () => "/admin/alerts", authorize: () => requireStaffFor("alert.mapping") },
    async ({ actor, db, values }) => {
      if (values.intent === "delete") {
        await deleteAlertMapping({ db, actor, input: { mappingId: values.mappingId ?? "" } });
        return "Mapping deleted.";
      }
      await saveAlertMapping({
        db,
        actor,
        input: {
          mappingId: values.mappingId || null,
          name: values.name ?? "",
          matchers: values.matchers ?? "",
          componentId: values.componentId ?? "",
          status: values.status as never,
          minHoldSeconds: values.minHoldSeconds ?? "",
          templateId: values.templateId || null,
        },
      });
      return values.mappingId ? "Mapping saved." : "Mapping added.";
    },
  );
}
