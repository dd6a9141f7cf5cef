"use client";

import { ConfirmCheckbox, FieldError, SelectField, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import {
  addTeamChannelAction,
  importEmailsAction,
  reenableSubscriberAction,
  removeSubscriberAction,
  sendTestMessageAction,
} from "./actions.ts";

export function ImportEmailsForm() {
  const { state, formAction, formRef, errors } = useAdminForm(importEmailsAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium">
          CSV file of email addresses
        </label>
        <p id="import-file-hint" className="text-sm text-gray-600 dark:text-gray-400">
          One address per line, or a column headed “email”. At most 1 MB. Imported addresses are subscribed to the whole page at
          once, without a confirmation mail: import only people who asked to be told.
        </p>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={errors.file ? "import-file-hint import-file-error" : "import-file-hint"}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold dark:file:border-gray-600 dark:file:bg-gray-900 dark:file:text-gray-100"
        />
        <FieldError id="import-file" error={errors.file} />
      </div>
      <SubmitButton>Import</SubmitButton>
    </form>
  );
}

export function RemoveSubscriberForm({ subscriberId, target }: { subscriberId: string; target: string }) {
  const { state, formAction, formRef, errors } = useAdminForm(removeSubscriberAction);
  const id = `remove-${subscriberId}`;
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-2" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="subscriberId" value={subscriberId} />
      <div className="flex flex-wrap items-center gap-3">
        <ConfirmCheckbox id={id} error={errors.confirm}>
          <span>
            Yes, remove <span className="sr-only">{target}</span>
          </span>
        </ConfirmCheckbox>
        <SubmitButton tone="danger">Remove</SubmitButton>
      </div>
      <FieldError id={id} error={errors.confirm} />
    </form>
  );
}

function SubscriberButtonForm({
  action,
  subscriberId,
  label,
}: {
  action: typeof reenableSubscriberAction;
  subscriberId: string;
  label: string;
}) {
  const { state, formAction, formRef } = useAdminForm(action);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-2">
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="subscriberId" value={subscriberId} />
      <SubmitButton tone="plain">{label}</SubmitButton>
    </form>
  );
}

export function ReenableForm({ subscriberId }: { subscriberId: string }) {
  return <SubscriberButtonForm action={reenableSubscriberAction} subscriberId={subscriberId} label="Re-enable" />;
}

export function TestMessageForm({ subscriberId }: { subscriberId: string }) {
  return <SubscriberButtonForm action={sendTestMessageAction} subscriberId={subscriberId} label="Send a test message" />;
}

const TEAM_CHANNEL_OPTIONS = [
  { value: "slack", label: "Slack (incoming webhook)" },
  { value: "discord", label: "Discord (webhook)" },
  { value: "teams", label: "Microsoft Teams (workflow webhook)" },
  { value: "webhook", label: "Webhook (JSON, signed)" },
];

export function AddTeamChannelForm() {
  const { state, formAction, formRef, values, errors } = useAdminForm(addTeamChannelAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <SelectField
        name="channel"
        id="team-channel"
        label="Send to"
        options={TEAM_CHANNEL_OPTIONS}
        defaultValue={values.channel ?? "slack"}
        error={errors.channel}
      />
      <TextField
        name="label"
        id="team-label"
        label="Name"
        hint="For you, such as #incidents."
        defaultValue={values.label}
        error={errors.label}
      />
      <TextField name="url" id="team-url" type="url" label="Webhook URL" defaultValue={values.url} error={errors.url} />
      <SubmitButton>Add team channel</SubmitButton>
    </form>
  );
}
