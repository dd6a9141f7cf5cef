import type { ReactNode } from "react";
import { SelectField } from "./fields.tsx";
import { MessageField } from "./message-field.tsx";
import { NotifyField } from "./notify-field.tsx";
import { QuickTimeField } from "./quick-time-field.tsx";

/**
 * Status, message and shown-at time of a new update, shared by the incident and maintenance pages
 * so that posting an update reads and behaves the same on both. `afterMessage` goes between the
 * message and the time (the incident page's component changes). Ends with the "Notify subscribers" box,
 * unless `notify` is false (the form then puts it beside its submit button).
 */
export function UpdateFields({
  status,
  timeZone,
  afterMessage,
  values,
  errors,
  notify = true,
}: {
  status: { label: string; hint?: string; options: readonly { value: string; label: string }[]; defaultValue?: string };
  /** The page's zone, which the shown-at time is typed in. */
  timeZone: string;
  afterMessage?: ReactNode;
  values: Record<string, string>;
  errors: Record<string, string>;
  notify?: boolean;
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
      <MessageField id="post-message" defaultValue={values.message} error={errors.message} />
      {afterMessage}
      <QuickTimeField
        name="displayAt"
        id="post-displayAt"
        label="Shown at"
        timeZone={timeZone}
        defaultValue={values.displayAt}
        error={errors.displayAt}
      />
      {notify ? <NotifyField values={values} id="post-notify" /> : null}
    </>
  );
}
