"use client";

import type { ReactNode } from "react";
import type { FormState } from "@/lib/forms/form-state.ts";
import { ConfirmCheckbox, FieldError } from "./fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "./form-parts.tsx";

/**
 * Deletes an incident or maintenance (`incidentId`) once its box is ticked; the action refuses
 * without `confirm=yes`.
 */
export function ConfirmDeleteForm({
  action,
  incidentId,
  noun,
  children,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  incidentId: string;
  noun: string;
  children: ReactNode;
}) {
  const { state, formAction, formRef, errors } = useAdminForm(action);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <p className="text-sm">{children}</p>
      <ConfirmCheckbox id="confirm" error={errors.confirm}>
        Yes, delete this {noun}
      </ConfirmCheckbox>
      <FieldError id="confirm" error={errors.confirm} />
      <SubmitButton tone="danger">Delete {noun}</SubmitButton>
    </form>
  );
}
