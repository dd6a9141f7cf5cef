"use client";

import { buttonClass } from "@/components/admin/button-styles.ts";
import { SelectField, TextArea, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, IdempotencyKeyField, useAdminForm } from "@/components/admin/form-parts.tsx";
import { INCIDENT_STATUS_OPTIONS } from "@/components/admin/incident-options.ts";
import { saveTemplateAction } from "./actions.ts";

export type TemplateValues = { id: string; name: string; title: string | null; status: string | null; body: string };

export function TemplateForm({ template }: { template?: TemplateValues }) {
  const { state, formAction, formRef, values, errors } = useAdminForm(saveTemplateAction);
  const id = (f: string) => `template-${template?.id ?? "new"}-${f}`;
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="templateId" value={template?.id ?? ""} />
      <IdempotencyKeyField />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          name="name"
          id={id("name")}
          label="Template name"
          defaultValue={values.name ?? template?.name}
          error={errors.name}
        />
        <TextField
          name="title"
          id={id("title")}
          label="Incident name (optional)"
          defaultValue={values.title ?? template?.title ?? ""}
          error={errors.title}
        />
        <SelectField
          name="status"
          id={id("status")}
          label="Status (optional)"
          options={[{ value: "", label: "Keep the form's" }, ...INCIDENT_STATUS_OPTIONS]}
          defaultValue={values.status ?? template?.status ?? ""}
          error={errors.status}
        />
      </div>
      <TextArea
        name="body"
        id={id("body")}
        label="Message"
        rows={3}
        defaultValue={values.body ?? template?.body}
        error={errors.body}
      />
      <div className="flex gap-3">
        <button type="submit" name="intent" value="save" className={buttonClass(template ? "plain" : "primary")}>
          {template ? "Save template" : "Add template"}
        </button>
        {template ? (
          <button type="submit" name="intent" value="delete" className={buttonClass("plain")}>
            Delete template
          </button>
        ) : null}
      </div>
    </form>
  );
}
