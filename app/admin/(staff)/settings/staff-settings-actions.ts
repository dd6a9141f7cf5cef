"use server";

import type { FormState } from "@/app/admin/form-state.ts";
import { runStaffAction } from "@/app/admin/run-action.ts";
import { requireAdmin } from "@/lib/auth/require-staff.ts";
import { updateStaffSettings } from "@/lib/page/update-staff-settings.ts";

export async function updateStaffSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, { path: () => "/admin/settings", authorize: requireAdmin }, async ({ actor, db, values }) => {
    const interval = values.staffReminderMinutes ?? "";
    await updateStaffSettings({
      db,
      actor,
      input: {
        requireTwoFactor: values.requireTwoFactor === "on",
        staffReminderMinutes: interval === "off" ? null : Number(interval),
      },
    });
    return "Staff settings saved.";
  });
}
