import type { ReactNode } from "react";
import { SelectField, TextArea, TextField } from "./fields.tsx";
import { NotifyField } from "./notify-field.tsx";

/**
 * Status, message and shown-at time of a new update, shared by the incident and maintenance pages
 * so that posting an update reads and behaves the same on both. `afterMessage` goes between the
 * message and the time (the incident page's component changes). Ends with the "Notify subscribers" box.
 */
export function UpdateFields({
  status,
  timeHint,
  afterMessage,
  values,
  errors,
}: {
  status: { label: string; hint?: string; options: readonly { value: string; label: string }[]; defaultValue?: string };
  timeHint: string;
  afterMessage?: ReactNode;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  return (
    <>
      <SelectField
        name="status"
        id="post-status"
        label={status.label}
        hint={status.hint}
        options={status.options}
        defaultValue={values.status ?? status.defaultValue}
        error={errors.status}
      />
      <TextArea
        name="message"
        id="post-message"
        label="Message"
        hint="Markdown. Shown on the public page."
        defaultValue={values.message}
        error={errors.message}
      />
      {afterMessage}
      <TextField
        name="displayAt"
        id="post-displayAt"
        type="datetime-local"
        label="Shown at"
        hint={timeHint}
        defaultValue={values.displayAt}
        error={errors.displayAt}
      />
      <NotifyField values={values} id="post-notify" />
    </>
  );
}
