"use client";

import { buttonClass } from "@/components/admin/button-styles.ts";
import { SelectField, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { STAFF_ROLE_OPTIONS } from "@/components/admin/staff-role-options.ts";
import { createUserAction, userAccessAction } from "./actions.ts";

export function CreateUserForm() {
  const { state, formAction, formRef, values, errors } = useAdminForm(createUserAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField name="email" type="email" label="Email" defaultValue={values.email} error={errors.email} />
        <TextField name="name" label="Name" defaultValue={values.name} error={errors.name} />
        <SelectField
          name="role"
          label="Role"
          options={STAFF_ROLE_OPTIONS}
          defaultValue={values.role ?? "editor"}
          error={errors.role}
        />
      </div>
      <SubmitButton>Create account</SubmitButton>
    </form>
  );
}

export function UserAccessForm({ user }: { user: { id: string; email: string; role: string; disabled: boolean } }) {
  const { state, formAction, formRef } = useAdminForm(userAccessAction);
  const button = (intent: string, label: string) => (
    <button type="submit" name="intent" value={intent} className={buttonClass("plain")} aria-label={`${label}: ${user.email}`}>
      {label}
    </button>
  );
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-2">
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="userId" value={user.id} />
      <div className="flex flex-wrap gap-2">
        {user.role === "admin" ? button("make_editor", "Make editor") : button("make_admin", "Make admin")}
        {user.disabled ? button("enable", "Re-enable") : button("disable", "Disable")}
        {button("reset_password", "Reset password")}
      </div>
    </form>
  );
}
