"use server";

import type { FormState } from "@/app/admin/form-state.ts";
import { runStaffAction } from "@/app/admin/run-action.ts";
import { deleteTemplate } from "@/lib/templates/delete-template.ts";
import { saveTemplate } from "@/lib/templates/save-template.ts";
import type { SaveTemplateInput } from "@/lib/templates/schemas.ts";

export async function saveTemplateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, { path: () => "/admin/templates" }, async ({ actor, db, idempotency, values }) => {
    if (values.intent === "delete") {
      await deleteTemplate({ db, actor, input: { templateId: values.templateId ?? "" } });
      return "Template deleted.";
    }
    await saveTemplate({
      db,
      actor,
      idempotency,
      input: {
        templateId: values.templateId || null,
        name: values.name ?? "",
        title: values.title ?? "",
        status: (values.status ?? "") as SaveTemplateInput["status"],
        body: values.body ?? "",
      },
    });
    return values.templateId ? "Template saved." : "Template added.";
  });
}
