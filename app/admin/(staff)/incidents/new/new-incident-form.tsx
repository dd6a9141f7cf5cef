"use client";

import { ComponentChanges, type PickerComponent } from "@/components/admin/component-changes.tsx";
import { SelectField, TextArea, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { IMPACT_OVERRIDE_OPTIONS, INCIDENT_STATUS_OPTIONS, timeHint } from "@/components/admin/incident-options.ts";
import { NotifyField } from "@/components/admin/notify-field.tsx";
import { type PickableTemplate, TemplatePicker } from "@/components/admin/template-picker.tsx";
import { createIncidentAction } from "./actions.ts";

export function NewIncidentForm({
  components,
  timeZone,
  templates,
}: {
  components: PickerComponent[];
  timeZone: string;
  templates: PickableTemplate[];
}) {
  const { state, formAction, formRef, values, errors } = useAdminForm(createIncidentAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="mt-6 space-y-5" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <TemplatePicker templates={templates} formRef={formRef} fields={{ name: "name", status: "status", message: "message" }} />
      <TextField name="name" label="Name" defaultValue={values.name} error={errors.name} required />
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField
          name="status"
          label="Status"
          options={INCIDENT_STATUS_OPTIONS.filter((o) => o.value !== "resolved")}
          defaultValue={values.status ?? "investigating"}
          error={errors.status}
        />
        <SelectField
          name="impactOverride"
          label="Impact"
          options={IMPACT_OVERRIDE_OPTIONS}
          defaultValue={values.impactOverride ?? ""}
          error={errors.impactOverride}
        />
      </div>
      <ComponentChanges
        components={components}
        values={values}
        legend="Affected components and their new status"
        errors={errors}
      />
      <TextArea
        name="message"
        label="Message"
        hint="Markdown. Shown on the public page."
        defaultValue={values.message}
        error={errors.message}
        required
      />
      <TextField
        name="displayAt"
        type="datetime-local"
        label="Started at"
        hint={timeHint(timeZone)}
        defaultValue={values.displayAt}
        error={errors.displayAt}
      />
      <NotifyField values={values} />
      <SubmitButton>Open incident</SubmitButton>
    </form>
  );
}
