"use client";

import { useActionState, useRef } from "react";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { SelectField, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { STAFF_ROLE_OPTIONS } from "@/components/admin/staff-role-options.ts";
import { IDLE } from "@/lib/forms/form-state.ts";
import { type InviteState, inviteAction, revokeInvitationAction } from "./invitation-actions.ts";

export function InviteForm() {
  const [state, formAction] = useActionState<InviteState, FormData>(inviteAction, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  return (
    <div className="space-y-4">
      <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
        <FormMessage state={state} formRef={formRef} />
        {state.link ? (
          <div>
            <label htmlFor="invitation-link" className="block text-sm font-medium">
              Invitation link (works once, for 7 days)
            </label>
            <input
              id="invitation-link"
              readOnly
              value={state.link}
              onFocus={(event) => event.currentTarget.select()}
              className="mt-1 block w-full rounded-md border border-gray-300 bg-gray-50 px-3 py-2 font-mono text-sm dark:border-gray-600 dark:bg-gray-800"
            />
          </div>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="invite-email"
            name="email"
            type="email"
            label="Email"
            defaultValue={state.link ? "" : values.email}
            error={errors.email}
          />
          <SelectField
            id="invite-role"
            name="role"
            label="Role"
            options={STAFF_ROLE_OPTIONS}
            defaultValue={values.role ?? "editor"}
            error={errors.role}
          />
        </div>
        <SubmitButton>Invite</SubmitButton>
      </form>
    </div>
  );
}

export function RevokeInvitationForm({ invitation }: { invitation: { id: string; email: string } }) {
  const { state, formAction, formRef } = useAdminForm(revokeInvitationAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-2">
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="invitationId" value={invitation.id} />
      <button type="submit" className={buttonClass("plain")} aria-label={`Withdraw the invitation of ${invitation.email}`}>
        Withdraw
      </button>
    </form>
  );
}
