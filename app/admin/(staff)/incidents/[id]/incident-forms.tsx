"use client";

import { ComponentChanges, type PickerComponent } from "@/components/admin/component-changes.tsx";
import { CustomerPreviewPanel } from "@/components/admin/customer-preview.tsx";
import { SelectField, TextArea, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, StickySubmitBar, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { IMPACT_OVERRIDE_OPTIONS, INCIDENT_STATUS_OPTIONS } from "@/components/admin/incident-options.ts";
import { NotifyField } from "@/components/admin/notify-field.tsx";
import { QuickTimeField } from "@/components/admin/quick-time-field.tsx";
import { type PickableTemplate, TemplatePicker } from "@/components/admin/template-picker.tsx";
import { UpdateFields } from "@/components/admin/update-fields.tsx";
import { COMPONENT_STATUS_LABELS, type ComponentStatus, type IncidentStatus } from "@/lib/domain.ts";
import { keepComponentField } from "@/lib/forms/field-names.ts";
import { editIncidentAction, postUpdateAction, resolveIncidentAction } from "./actions.ts";

export function PostUpdateForm({
  incidentId,
  components,
  timeZone,
  status,
  templates,
}: {
  incidentId: string;
  components: PickerComponent[];
  timeZone: string;
  /** The incident's status now: the next update starts from it (a resolved one reopens as investigating). */
  status: IncidentStatus;
  templates: PickableTemplate[];
}) {
  const resolved = status === "resolved";
  const { state, formAction, formRef, values, errors } = useAdminForm(postUpdateAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <TemplatePicker templates={templates} formRef={formRef} fields={{ status: "status", message: "message" }} />
      <UpdateFields
        status={{
          label: resolved ? "Reopen as" : "Status",
          options: INCIDENT_STATUS_OPTIONS.filter((o) => o.value !== "resolved"),
          defaultValue: resolved ? "investigating" : status,
        }}
        afterMessage={
          <ComponentChanges
            components={components}
            values={values}
            legend="Component status changes (optional)"
            errors={errors}
          />
        }
        timeZone={timeZone}
        values={values}
        errors={errors}
        notify={false}
      />
      <CustomerPreviewPanel formRef={formRef} incidentId={incidentId} />
      <StickySubmitBar>
        <NotifyField values={values} id="post-notify" />
        <SubmitButton>{resolved ? "Reopen incident" : "Post update"}</SubmitButton>
      </StickySubmitBar>
    </form>
  );
}

export function ResolveForm({
  incidentId,
  affected,
  timeZone,
}: {
  incidentId: string;
  affected: { id: string; name: string; status: ComponentStatus }[];
  timeZone: string;
}) {
  const { state, formAction, formRef, values, errors } = useAdminForm(resolveIncidentAction);
  const down = affected.filter((c) => c.status !== "operational");
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <TextArea
        name="message"
        id="resolve-message"
        label="Resolution message"
        defaultValue={values.message ?? "This incident has been resolved."}
        error={errors.message}
      />
      {down.length > 0 ? (
        <fieldset className="rounded-md border border-gray-300 p-3 dark:border-gray-700">
          <legend className="px-1 text-sm font-medium">These components return to operational, unless you keep them</legend>
          {down.map((c) => (
            <label key={c.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={keepComponentField(c.id)}
                defaultChecked={values[keepComponentField(c.id)] === "on"}
                className="size-4"
              />
              Keep {c.name} at {COMPONENT_STATUS_LABELS[c.status]}
            </label>
          ))}
        </fieldset>
      ) : null}
      <QuickTimeField
        name="displayAt"
        id="resolve-displayAt"
        label="Resolved at"
        timeZone={timeZone}
        defaultValue={values.displayAt}
        error={errors.displayAt}
      />
      <NotifyField values={values} id="resolve-notify" />
      <SubmitButton>Resolve incident</SubmitButton>
    </form>
  );
}

export function EditIncidentForm({
  incident,
}: {
  incident: { id: string; version: number; name: string; impactOverride: string | null };
}) {
  const { state, formAction, formRef, values, errors } = useAdminForm(editIncidentAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incident.id} />
      <input type="hidden" name="version" value={values.version ?? String(incident.version)} />
      <TextField name="name" id="edit-name" label="Name" defaultValue={values.name ?? incident.name} error={errors.name} />
      <SelectField
        name="impactOverride"
        id="edit-impact"
        label="Impact"
        options={IMPACT_OVERRIDE_OPTIONS}
        defaultValue={values.impactOverride ?? incident.impactOverride ?? ""}
        error={errors.impactOverride}
      />
      <SubmitButton>Save incident</SubmitButton>
    </form>
  );
}
