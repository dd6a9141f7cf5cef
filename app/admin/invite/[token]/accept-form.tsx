"use client";

import { TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { NewPasswordFields } from "@/components/admin/new-password-fields.tsx";
import { acceptInvitationAction } from "./actions.ts";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const { state, formAction, formRef, values, errors } = useAdminForm(acceptInvitationAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="mt-6 space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account this password is for. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField name="name" label="Your name" autoComplete="name" defaultValue={values.name} error={errors.name} />
      <NewPasswordFields name="password" label="Password" errors={errors} />
      <SubmitButton>Create my account</SubmitButton>
    </form>
  );
}
