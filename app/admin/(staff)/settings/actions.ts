"use server";

import { requireAdmin } from "@/lib/auth/require-staff.ts";
import type { FormState } from "@/lib/forms/form-state.ts";
import { runStaffAction } from "@/lib/forms/run-action.ts";
import { decodePageSettings } from "@/lib/forms/settings-form.ts";
import { updatePageSettings } from "@/lib/page/update-page-settings.ts";

export async function updatePageSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, { path: () => "/admin/settings", authorize: requireAdmin }, async ({ actor, db, values }) => {
    await updatePageSettings({ db, actor, input: decodePageSettings(values) });
    return "Settings saved. The public page shows them now.";
  });
}
