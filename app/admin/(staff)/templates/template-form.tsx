"use client";

import { useState } from "react";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { SelectField, TextArea, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, IdempotencyKeyField, useAdminForm } from "@/components/admin/form-parts.tsx";
import { INCIDENT_STATUS_OPTIONS } from "@/components/admin/incident-options.ts";
import { TEMPLATE_KIND_LABELS, TEMPLATE_KINDS, type TemplateKind } from "@/lib/domain.ts";
import { saveTemplateAction } from "./actions.ts";

export type TemplateValues = {
  id: string;
  kind: TemplateKind;
  name: string;
  title: string | null;
  status: string | null;
  body: string;
};

const KIND_OPTIONS = TEMPLATE_KINDS.map((kind) => ({ value: kind, label: TEMPLATE_KIND_LABELS[kind] }));
const isKind = (value: string | undefined): value is TemplateKind => TEMPLATE_KINDS.some((kind) => kind === value);

/**
 * A template's editor. An update template prefills an incident's name, status and message; a
 * postmortem template only the postmortem's text, so its form asks for nothing else (without
 * JavaScript the other fields stay, and the server refuses them filled in for a postmortem).
 */
export function TemplateForm({ template }: { template?: TemplateValues }) {
  const { state, formAction, formRef, values, errors } = useAdminForm(saveTemplateAction);
  const [kind, setKind] = useState<TemplateKind>(isKind(values.kind) ? values.kind : (template?.kind ?? "update"));
  const id = (f: string) => `template-${template?.id ?? "new"}-${f}`;
  const postmortem = kind === "postmortem";
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="templateId" value={template?.id ?? ""} />
      <IdempotencyKeyField />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField
          name="kind"
          id={id("kind")}
          label="For"
          options={KIND_OPTIONS}
          defaultValue={kind}
          onChange={(value) => setKind(isKind(value) ? value : "update")}
          error={errors.kind}
        />
        <TextField
          name="name"
          id={id("name")}
          label="Template name"
          defaultValue={values.name ?? template?.name}
          error={errors.name}
        />
        {postmortem ? null : (
          <>
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
          </>
        )}
      </div>
      <TextArea
        name="body"
        id={id("body")}
        label={postmortem ? "Postmortem (markdown)" : "Message"}
        rows={postmortem ? 10 : 3}
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
