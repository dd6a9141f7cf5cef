"use client";

import { TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { updatePageSettingsAction } from "./actions.ts";

export type SettingsValues = {
  version: number;
  name: string;
  publicUrl: string;
  timeZone: string;
  brandColor: string;
  logoUrl: string;
  supportUrl: string;
};

export function SettingsForm({ settings }: { settings: SettingsValues }) {
  const { state, formAction, formRef, v, e } = useAdminForm(updatePageSettingsAction);
  const value = (field: Exclude<keyof SettingsValues, "version">) => v[field] ?? settings[field];
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="mt-6 max-w-xl space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="version" value={v.version ?? String(settings.version)} />
      <TextField name="name" label="Page name" defaultValue={value("name")} error={e.name} />
      <TextField
        name="publicUrl"
        type="url"
        label="Public URL"
        hint="May include a path, such as https://example.com/status."
        defaultValue={value("publicUrl")}
        error={e.publicUrl}
      />
      <TextField
        name="timeZone"
        label="Time zone"
        hint="An IANA name, such as America/New_York. Every time on the page is shown in it."
        defaultValue={value("timeZone")}
        error={e.timeZone}
      />
      <TextField name="brandColor" label="Brand colour" hint="#rrggbb" defaultValue={value("brandColor")} error={e.brandColor} />
      <TextField name="logoUrl" type="url" label="Logo URL (optional)" defaultValue={value("logoUrl")} error={e.logoUrl} />
      <TextField
        name="supportUrl"
        type="url"
        label="Support URL (optional)"
        defaultValue={value("supportUrl")}
        error={e.supportUrl}
      />
      <SubmitButton>Save settings</SubmitButton>
    </form>
  );
}
