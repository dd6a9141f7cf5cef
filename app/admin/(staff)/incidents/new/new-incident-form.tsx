"use client";

import { ComponentChanges, type PickerComponent } from "@/components/admin/component-changes.tsx";
import { CustomerPreviewPanel } from "@/components/admin/customer-preview.tsx";
import { SelectField, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, StickySubmitBar, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { IMPACT_OVERRIDE_OPTIONS, INCIDENT_STATUS_OPTIONS } from "@/components/admin/incident-options.ts";
import { MessageField } from "@/components/admin/message-field.tsx";
import { NotifyField } from "@/components/admin/notify-field.tsx";
import { QuickTimeField } from "@/components/admin/quick-time-field.tsx";
import { type PickableTemplate, TemplatePicker } from "@/components/admin/template-picker.tsx";
import { createIncidentAction } from "./actions.ts";

/**
 * Declaring an incident, built for a phone at 3 a.m.: name, status, the affected components (a
 * search picker), message, and the submit button always in reach. The impact and start time,
 * rarely changed, wait behind "More options" (open when one of them has an error).
 */
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
  const moreOpen = Boolean(errors.impactOverride || errors.displayAt || values.impactOverride || values.displayAt);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="mt-4 space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <TemplatePicker templates={templates} formRef={formRef} fields={{ name: "name", status: "status", message: "message" }} />
      <TextField name="name" label="Name" defaultValue={values.name} error={errors.name} required autoFocus />
      <SelectField
        name="status"
        label="Status"
        options={INCIDENT_STATUS_OPTIONS.filter((o) => o.value !== "resolved")}
        defaultValue={values.status ?? "investigating"}
        error={errors.status}
      />
      <ComponentChanges
        components={components}
        values={values}
        legend="Affected components and their new status"
        errors={errors}
      />
      <MessageField defaultValue={values.message} error={errors.message} required />
      <CustomerPreviewPanel formRef={formRef} />
      <details open={moreOpen} className="rounded-md border border-gray-300 p-3 dark:border-gray-700">
        <summary className="cursor-pointer text-sm font-medium">More options: impact, start time</summary>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <SelectField
            name="impactOverride"
            label="Impact"
            options={IMPACT_OVERRIDE_OPTIONS}
            defaultValue={values.impactOverride ?? ""}
            error={errors.impactOverride}
          />
          <QuickTimeField
            name="displayAt"
            label="Started at"
            timeZone={timeZone}
            defaultValue={values.displayAt}
            error={errors.displayAt}
          />
        </div>
      </details>
      <StickySubmitBar>
        <NotifyField values={values} />
        <SubmitButton>Open incident</SubmitButton>
      </StickySubmitBar>
    </form>
  );
}
