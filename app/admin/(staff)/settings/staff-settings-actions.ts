"use server";

import { requireAdmin } from "@/lib/auth/require-staff.ts";
import { decodeStaffSettings } from "@/lib/forms/account-forms.ts";
import type { FormState } from "@/lib/forms/form-state.ts";
import { runStaffAction } from "@/lib/forms/run-action.ts";
import { updateStaffSettings } from "@/lib/page/update-staff-settings.ts";

export async function updateStaffSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, { path: () => "/admin/settings", authorize: requireAdmin }, async ({ actor, db, values }) => {
    await updateStaffSettings({ db, actor, input: decodeStaffSettings(values) });
    return "Staff settings saved.";
  });
}
