"use client";

import { ComponentChanges, type PickerComponent } from "@/components/admin/component-changes.tsx";
import { SelectField, TextArea, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { IMPACT_OVERRIDE_OPTIONS } from "@/components/admin/incident-options.ts";
import { recordPastIncidentAction } from "./actions.ts";

export function PastIncidentForm({ components, timeZone }: { components: PickerComponent[]; timeZone: string }) {
  const { state, formAction, formRef, values, errors } = useAdminForm(recordPastIncidentAction);
  const zone = `In the page's time zone (${timeZone}).`;
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="mt-6 space-y-5" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <TextField name="name" label="Name" defaultValue={values.name} error={errors.name} required />
      <ComponentChanges
        components={components}
        values={values}
        legend="Affected components and their status during the impact"
        emptyLabel="Not affected"
        showCurrent={false}
        picker={false}
        errors={errors}
      />
      <SelectField
        name="impactOverride"
        label="Impact"
        options={IMPACT_OVERRIDE_OPTIONS}
        defaultValue={values.impactOverride ?? ""}
        error={errors.impactOverride}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField
          name="startedAt"
          type="datetime-local"
          label="Impact started at"
          hint={`${zone} Uptime counts the impact from here.`}
          defaultValue={values.startedAt}
          error={errors.startedAt}
          required
        />
        <TextField
          name="resolvedAt"
          type="datetime-local"
          label="Impact ended at"
          hint={`${zone} Components return to their earlier status here.`}
          defaultValue={values.resolvedAt}
          error={errors.resolvedAt}
          required
        />
      </div>
      <TextArea
        name="message"
        label="Resolved update"
        hint="Markdown. Shown on the public page as the incident's update, marked Resolved."
        defaultValue={values.message}
        error={errors.message}
        required
      />
      <TextField
        name="displayAt"
        type="datetime-local"
        label="Update shown at"
        hint={`${zone} Leave empty to show it at the end of the impact.`}
        defaultValue={values.displayAt}
        error={errors.displayAt}
      />
      <SubmitButton>Record incident</SubmitButton>
    </form>
  );
}
