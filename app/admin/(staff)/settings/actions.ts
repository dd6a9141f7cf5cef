"use server";

import { requireAdmin } from "@/lib/auth/require-staff.ts";
import type { FormState } from "@/lib/forms/form-state.ts";
import { runStaffAction } from "@/lib/forms/run-action.ts";
import { updatePageSettings } from "@/lib/page/update-page-settings.ts";
import { SUBSCRIBER_CHANNELS } from "@/lib/subscribers/schemas.ts";

export async function updatePageSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, { path: () => "/admin/settings", authorize: requireAdmin }, async ({ actor, db, values }) => {
    await updatePageSettings({
      db,
      actor,
      input: {
        version: values.version ? Number(values.version) : Number.NaN,
        name: values.name ?? "",
        publicUrl: values.publicUrl ?? "",
        timeZone: values.timeZone ?? "",
        brandColor: values.brandColor ?? "",
        logoUrl: values.logoUrl ?? "",
        supportUrl: values.supportUrl ?? "",
        // Unticked boxes are absent from the form: each ticked one is `channel:<name>=on`.
        subscribeChannels: SUBSCRIBER_CHANNELS.filter((channel) => values[`channel:${channel}`] === "on"),
        mailSenderName: values.mailSenderName ?? "",
        mailReplyTo: values.mailReplyTo ?? "",
      },
    });
    return "Settings saved. The public page shows them now.";
  });
}
