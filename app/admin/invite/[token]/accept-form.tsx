"use client";

import { TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/schemas.ts";
import { acceptInvitationAction } from "./actions.ts";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const { state, formAction, formRef, v, e } = useAdminForm(acceptInvitationAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="mt-6 space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account this password is for. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField name="name" label="Your name" autoComplete="name" defaultValue={v.name} error={e.name} />
      <TextField
        name="password"
        type="password"
        label="Password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        autoComplete="new-password"
        error={e.password}
      />
      <TextField
        name="confirmPassword"
        type="password"
        label="Password again"
        autoComplete="new-password"
        error={e.confirmPassword}
      />
      <SubmitButton>Create my account</SubmitButton>
    </form>
  );
}
