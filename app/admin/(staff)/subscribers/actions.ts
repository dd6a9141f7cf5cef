"use server";

import { requireAdmin } from "@/lib/auth/require-staff.ts";
import { InvalidError } from "@/lib/errors.ts";
import { requireConfirmation } from "@/lib/forms/decode-form.ts";
import type { FormState } from "@/lib/forms/form-state.ts";
import { runStaffAction } from "@/lib/forms/run-action.ts";
import { decodeAddTeamChannel, decodeSubscriberId } from "@/lib/forms/subscriber-forms.ts";
import { addTeamChannel } from "@/lib/subscribers/add-team-channel.ts";
import { IMPORT_MAX_BYTES, importEmails } from "@/lib/subscribers/import-emails.ts";
import { reenableSubscriber } from "@/lib/subscribers/reenable-subscriber.ts";
import { removeSubscriber } from "@/lib/subscribers/remove-subscriber.ts";
import { sendTestMessage } from "@/lib/subscribers/send-test-message.ts";

// Admin-only: requireAdmin here, and every lib function checks the role again in its transaction.
const PAGE = { path: () => "/admin/subscribers", authorize: requireAdmin };

export async function importEmailsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const file = formData.get("file");
  return runStaffAction(formData, PAGE, async ({ actor, db }) => {
    if (!(file instanceof File) || file.size === 0) {
      throw new InvalidError("Some fields need attention.", { file: "Choose a CSV file of email addresses." });
    }
    // Checked before reading, so a huge upload is never held as text.
    if (file.size > IMPORT_MAX_BYTES) {
      throw new InvalidError("Some fields need attention.", {
        file: "The file is larger than 1 MB: split it into smaller files.",
      });
    }
    const result = await importEmails({ db, actor, csv: await file.text() });
    const invalid = result.invalid
      ? ` ${result.invalid} invalid (such as ${result.invalidExamples.map((example) => `“${example}”`).join(", ")}).`
      : " None invalid.";
    return `Added ${result.added}. Skipped ${result.skipped} already subscribed or repeated.${invalid}`;
  });
}

export async function removeSubscriberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, PAGE, async ({ actor, db, values }) => {
    requireConfirmation(values, "Confirm the removal first.");
    await removeSubscriber({ db, actor, input: decodeSubscriberId(values) });
    return "Removed.";
  });
}

export async function reenableSubscriberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, PAGE, async ({ actor, db, values }) => {
    await reenableSubscriber({ db, actor, input: decodeSubscriberId(values) });
    return "Re-enabled: it receives the next notification.";
  });
}

export async function addTeamChannelAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, PAGE, async ({ actor, db, idempotency, values }) => {
    const { signingSecret, retried } = await addTeamChannel({ db, actor, idempotency, input: decodeAddTeamChannel(values) });
    if (retried) return "Team channel added by this form's first submission (which showed its signing secret, if it has one).";
    return signingSecret
      ? `Team channel added. Its signing secret, shown only now: ${signingSecret}`
      : "Team channel added. Send a test message to check it.";
  });
}

export async function sendTestMessageAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, PAGE, async ({ actor, db, values }) => {
    await sendTestMessage({ db, actor, input: decodeSubscriberId(values) });
    return "Test message queued: it arrives within a few seconds.";
  });
}
