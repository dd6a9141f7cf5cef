"use client";

import type { FormState } from "@/lib/forms/form-state.ts";
import { TextArea, TextField } from "./fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "./form-parts.tsx";

/**
 * Edits one posted update's text and shown-at time, on the incident and maintenance pages alike
 * (lib/incidents/edit-update.ts serves both). The page passes its server action in.
 */
export function EditUpdateForm({
  action,
  update,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  update: { id: string; version: number; body: string; displayAtWall: string; incidentId: string };
}) {
  const { state, formAction, formRef, values, errors } = useAdminForm(action);
  const id = (field: string) => `update-${update.id}-${field}`;
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="mt-3 space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={update.incidentId} />
      <input type="hidden" name="updateId" value={update.id} />
      <input type="hidden" name="version" value={values.version ?? String(update.version)} />
      <TextArea
        name="message"
        id={id("message")}
        label="Text"
        defaultValue={values.message ?? update.body}
        error={errors.message}
      />
      <TextField
        name="displayAt"
        id={id("displayAt")}
        type="datetime-local"
        label="Shown at"
        defaultValue={values.displayAt ?? update.displayAtWall}
        error={errors.displayAt}
      />
      <SubmitButton>Save update</SubmitButton>
    </form>
  );
}
