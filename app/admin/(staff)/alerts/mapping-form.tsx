"use client";

import { buttonClass } from "@/components/admin/button-styles.ts";
import { SelectField, TextArea, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { saveAlertMappingAction } from "./actions.ts";

export type MappingValues = {
  id: string;
  name: string;
  matchers: string;
  componentId: string;
  status: string;
  minHoldSeconds: number;
  templateId: string | null;
};
type Option = { value: string; label: string };

export function MappingForm({
  mapping,
  components,
  statuses,
  templates,
}: {
  mapping?: MappingValues;
  components: Option[];
  statuses: Option[];
  templates: Option[];
}) {
  const { state, formAction, formRef, values, errors } = useAdminForm(saveAlertMappingAction);
  const id = (field: string) => `mapping-${mapping?.id ?? "new"}-${field}`;
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="mappingId" value={mapping?.id ?? ""} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          name="name"
          id={id("name")}
          label="Mapping name"
          defaultValue={values.name ?? mapping?.name}
          error={errors.name}
        />
        <SelectField
          name="componentId"
          id={id("componentId")}
          label="Component"
          options={[{ value: "", label: "Choose a component" }, ...components]}
          defaultValue={values.componentId ?? mapping?.componentId ?? ""}
          error={errors.componentId}
        />
      </div>
      <TextArea
        name="matchers"
        id={id("matchers")}
        label="Label matchers"
        hint={'All must match, one per line or comma-separated: service="authkit", severity=~"critical|page", env!="staging".'}
        rows={2}
        defaultValue={values.matchers ?? mapping?.matchers}
        error={errors.matchers}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          name="status"
          id={id("status")}
          label="Status while it fires"
          options={statuses}
          defaultValue={values.status ?? mapping?.status ?? "major_outage"}
          error={errors.status}
        />
        <TextField
          name="minHoldSeconds"
          id={id("minHoldSeconds")}
          type="number"
          label="Minimum hold (seconds)"
          hint="Once set, the status stays at least this long."
          defaultValue={values.minHoldSeconds ?? String(mapping?.minHoldSeconds ?? 300)}
          error={errors.minHoldSeconds}
        />
        <SelectField
          name="templateId"
          id={id("templateId")}
          label="Open an incident"
          hint="Published at once when the alert fires."
          options={[{ value: "", label: "Never (status only)" }, ...templates]}
          defaultValue={values.templateId ?? mapping?.templateId ?? ""}
          error={errors.templateId}
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <SubmitButton tone={mapping ? "plain" : "primary"}>{mapping ? "Save mapping" : "Add mapping"}</SubmitButton>
        {mapping ? (
          <button type="submit" name="intent" value="delete" className={buttonClass("plain")}>
            Delete mapping
          </button>
        ) : null}
      </div>
    </form>
  );
}
