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
  v,
  e,
}: {
  status: { label: string; hint?: string; options: readonly { value: string; label: string }[]; defaultValue?: string };
  timeHint: string;
  afterMessage?: ReactNode;
  v: Record<string, string>;
  e: Record<string, string>;
}) {
  return (
    <>
      <SelectField
        name="status"
        id="post-status"
        label={status.label}
        hint={status.hint}
        options={status.options}
        defaultValue={v.status ?? status.defaultValue}
        error={e.status}
      />
      <TextArea
        name="message"
        id="post-message"
        label="Message"
        hint="Markdown. Shown on the public page."
        defaultValue={v.message}
        error={e.message}
      />
      {afterMessage}
      <TextField
        name="displayAt"
        id="post-displayAt"
        type="datetime-local"
        label="Shown at"
        hint={timeHint}
        defaultValue={v.displayAt}
        error={e.displayAt}
      />
      <NotifyField v={v} id="post-notify" />
    </>
  );
}
