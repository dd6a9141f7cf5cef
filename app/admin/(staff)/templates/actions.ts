"use server";

import type { FormState } from "@/lib/forms/form-state.ts";
import { runStaffAction } from "@/lib/forms/run-action.ts";
import { decodeDeleteTemplate, decodeSaveTemplate, readTemplateIntent } from "@/lib/forms/template-form.ts";
import { deleteTemplate } from "@/lib/templates/delete-template.ts";
import { saveTemplate } from "@/lib/templates/save-template.ts";

export async function saveTemplateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, { path: () => "/admin/templates" }, async ({ actor, db, idempotency, values }) => {
    if (readTemplateIntent(values) === "delete") {
      await deleteTemplate({ db, actor, input: decodeDeleteTemplate(values) });
      return "Template deleted.";
    }
    const input = decodeSaveTemplate(values);
    await saveTemplate({ db, actor, idempotency, input });
    return input.templateId ? "Template saved." : "Template added.";
  });
}
