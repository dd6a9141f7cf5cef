"use client";

import { FieldError, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { SmtpNote } from "@/components/admin/smtp-note.tsx";
import { subscribeChannelField } from "@/lib/forms/field-names.ts";
import { CHANNEL_LABELS, SUBSCRIBER_CHANNELS, type SubscriberChannel } from "@/lib/subscribers/schemas.ts";
import { updatePageSettingsAction } from "./actions.ts";

export type SettingsValues = {
  version: number;
  name: string;
  publicUrl: string;
  timeZone: string;
  brandColor: string;
  logoUrl: string;
  supportUrl: string;
  subscribeChannels: SubscriberChannel[];
  mailSenderName: string;
  mailReplyTo: string;
};

export function SettingsForm({ settings, emailConfigured }: { settings: SettingsValues; emailConfigured: boolean }) {
  const { state, formAction, formRef, values, errors } = useAdminForm(updatePageSettingsAction);
  const value = (field: Exclude<keyof SettingsValues, "version" | "subscribeChannels">) => values[field] ?? settings[field];
  // After an error the form shows what was submitted, where an unticked box is simply absent.
  const submitted = state.values !== undefined;
  const channelOpen = (channel: SubscriberChannel) =>
    submitted ? values[subscribeChannelField(channel)] === "on" : settings.subscribeChannels.includes(channel);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="mt-6 max-w-xl space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="version" value={values.version ?? String(settings.version)} />
      <TextField name="name" label="Page name" defaultValue={value("name")} error={errors.name} />
      <TextField
        name="publicUrl"
        type="url"
        label="Public URL"
        hint="May include a path, such as https://example.com/status."
        defaultValue={value("publicUrl")}
        error={errors.publicUrl}
      />
      <TextField
        name="timeZone"
        label="Time zone"
        hint="An IANA name, such as America/New_York. Every time on the page is shown in it."
        defaultValue={value("timeZone")}
        error={errors.timeZone}
      />
      <TextField
        name="brandColor"
        label="Brand colour"
        hint="#rrggbb"
        defaultValue={value("brandColor")}
        error={errors.brandColor}
      />
      <TextField name="logoUrl" type="url" label="Logo URL (optional)" defaultValue={value("logoUrl")} error={errors.logoUrl} />
      <TextField
        name="supportUrl"
        type="url"
        label="Support URL (optional)"
        defaultValue={value("supportUrl")}
        error={errors.supportUrl}
      />
      <fieldset className="space-y-2" aria-describedby={errors.subscribeChannels ? "subscribeChannels-error" : undefined}>
        <legend className="text-sm font-medium">Subscriptions offered to the public</legend>
        <p className="text-sm text-gray-600 dark:text-gray-400">
          Visitors can subscribe with the ticked channels. Team channels (on the Subscribers page) work whatever is ticked.
        </p>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {SUBSCRIBER_CHANNELS.map((channel) => (
            <label key={channel} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={subscribeChannelField(channel)}
                defaultChecked={channelOpen(channel)}
                className="size-4"
              />
              {CHANNEL_LABELS[channel]}
            </label>
          ))}
        </div>
        <FieldError id="subscribeChannels" error={errors.subscribeChannels ?? errors["subscribeChannels.0"]} />
        {emailConfigured ? null : <SmtpNote />}
      </fieldset>
      <TextField
        name="mailSenderName"
        label="Email sender name (optional)"
        hint="Shown as who the mail is from; the address is MAIL_FROM. Defaults to the page's name followed by “Status”."
        defaultValue={value("mailSenderName")}
        error={errors.mailSenderName}
      />
      <TextField
        name="mailReplyTo"
        type="email"
        label="Reply-to address (optional)"
        hint="Where replies to notification emails go."
        defaultValue={value("mailReplyTo")}
        error={errors.mailReplyTo}
      />
      <SubmitButton>Save settings</SubmitButton>
    </form>
  );
}
