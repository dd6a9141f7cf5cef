"use client";

import { useActionState, useRef } from "react";
import { TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { NewPasswordFields } from "@/components/admin/new-password-fields.tsx";
import { IDLE } from "@/lib/forms/form-state.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { changePasswordAction, confirmTotpAction, disableTotpAction, startTotpAction, type TotpConfirmState } from "./actions.ts";

export function ChangePasswordForm() {
  const { state, formAction, formRef, errors } = useAdminForm(changePasswordAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <TextField
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        error={errors.currentPassword}
      />
      <NewPasswordFields name="newPassword" label="New password" errors={errors} />
      <SubmitButton>Change password</SubmitButton>
    </form>
  );
}

export function StartTotpForm() {
  const { state, formAction, formRef } = useAdminForm(startTotpAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3">
      <FormMessage state={state} formRef={formRef} />
      <SubmitButton>Set up two-factor</SubmitButton>
    </form>
  );
}

export function ConfirmTotpForm({ secret, uri }: { secret: string; uri: string }) {
  const [state, formAction] = useActionState<TotpConfirmState, FormData>(confirmTotpAction, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state.fieldErrors ?? {};
  if (state.recoveryCodes?.length) return <RecoveryCodes message={state.message ?? ""} codes={state.recoveryCodes} />;
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-2 pl-5 text-sm">
        <li>
          In your authenticator app, add an account with this key (time-based, 6 digits):
          <code id="totp-secret" className="mt-1 block break-all rounded bg-gray-100 p-2 font-mono text-base dark:bg-gray-800">
            {secret.replace(/(.{4})/g, "$1 ").trim()}
          </code>
        </li>
        <li>
          Or open this link on the phone that has the app:{" "}
          <a href={uri} className="break-all text-indigo-700 underline dark:text-indigo-300">
            {uri}
          </a>
        </li>
        <li>Enter the code the app shows now.</li>
      </ol>
      <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
        <FormMessage state={state} formRef={formRef} />
        <TextField name="code" label="Code from the app" autoComplete="one-time-code" error={errors.code} />
        <SubmitButton>Turn on two-factor</SubmitButton>
      </form>
      <DisableTotpForm pending />
    </div>
  );
}

function RecoveryCodes({ message, codes }: { message: string; codes: string[] }) {
  return (
    <div className="space-y-3">
      <p
        role="status"
        className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-800 dark:border-green-800 dark:bg-green-950 dark:text-green-200"
      >
        {message}
      </p>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 font-mono text-base sm:grid-cols-5">
        {codes.map((code) => (
          <li key={code} className="rounded bg-gray-100 p-2 text-center dark:bg-gray-800">
            {code}
          </li>
        ))}
      </ul>
      {/* A fresh page: the codes are not shown again. */}
      <a href={withBase("/admin/account")} className="text-sm text-indigo-700 underline dark:text-indigo-300">
        I have saved them
      </a>
    </div>
  );
}

/** Turns two-factor off (`pending`: abandons a setup not yet confirmed, which needs no proof). */
export function DisableTotpForm({ pending = false }: { pending?: boolean }) {
  const { state, formAction, formRef, errors } = useAdminForm(disableTotpAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      {pending ? null : (
        <TextField
          name="proof"
          type="password"
          label="Code from your app, a recovery code, or your password"
          autoComplete="off"
          error={errors.proof}
        />
      )}
      <SubmitButton tone="plain">{pending ? "Cancel setup" : "Turn off two-factor"}</SubmitButton>
    </form>
  );
}
