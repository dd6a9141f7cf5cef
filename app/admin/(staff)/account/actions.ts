"use server";

import { revalidatePath } from "next/cache";
import { reissueSession } from "@/lib/auth/reissue-session.ts";
import { requireStaff } from "@/lib/auth/require-staff.ts";
import { confirmTotpEnrolment } from "@/lib/auth/totp-confirm-enrolment.ts";
import { disableTotp } from "@/lib/auth/totp-disable.ts";
import { startTotpEnrolment } from "@/lib/auth/totp-start-enrolment.ts";
import { getDb } from "@/lib/db/client.ts";
import { decodeChangePassword, decodeConfirmTotp, decodeDisableTotp } from "@/lib/forms/account-forms.ts";
import { type FormState, saved, submittedValues, toFormState } from "@/lib/forms/form-state.ts";
import { changeOwnPassword } from "@/lib/users/change-own-password.ts";

const PATH = "/admin/account";

/** The form state to answer with: never echoes a password or code back into the page. */
function withoutSecrets(state: FormState): FormState {
  return { ...state, values: {} };
}

async function run(
  formData: FormData,
  work: (values: Record<string, string>) => Promise<string>,
  options: { refresh: boolean } = { refresh: true },
): Promise<FormState> {
  const values = submittedValues(formData);
  try {
    const message = await work(values);
    if (options.refresh) revalidatePath(PATH);
    return saved(message);
  } catch (error) {
    return withoutSecrets(toFormState(error, values));
  }
}

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async (values) => {
    const actor = await requireStaff();
    const { sessionVersion } = await changeOwnPassword({
      db: getDb(),
      actor,
      input: decodeChangePassword(values),
    });
    const kept = await reissueSession(sessionVersion);
    return kept
      ? "Password changed. You are still signed in here; every other session of yours has ended."
      : "Password changed. Every session of yours has ended: sign in again with the new password.";
  });
}

export async function startTotpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async () => {
    await startTotpEnrolment({ db: getDb(), actor: await requireStaff() });
    return "Add the key to your authenticator app, then enter the code it shows.";
  });
}

export type TotpConfirmState = FormState & { recoveryCodes?: string[] };

export async function confirmTotpAction(_previous: TotpConfirmState, formData: FormData): Promise<TotpConfirmState> {
  let recoveryCodes: string[] = [];
  // Not refreshed: the page would re-render as "on" and drop the codes shown here once.
  const state = await run(
    formData,
    async (values) => {
      ({ recoveryCodes } = await confirmTotpEnrolment({
        db: getDb(),
        actor: await requireStaff(),
        input: decodeConfirmTotp(values),
      }));
      return "Two-factor is on. Save these recovery codes now: each works once, and they are not shown again.";
    },
    { refresh: false },
  );
  return state.status === "saved" ? { ...state, recoveryCodes } : state;
}

export async function disableTotpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async (values) => {
    await disableTotp({ db: getDb(), actor: await requireStaff(), input: decodeDisableTotp(values) });
    return "Two-factor is off.";
  });
}
