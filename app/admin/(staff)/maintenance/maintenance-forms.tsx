"use client";

import { type ReactNode, useEffect, useState } from "react";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { ConfirmDeleteForm } from "@/components/admin/confirm-delete-form.tsx";
import { FieldError, SelectField, TextArea, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, IdempotencyKeyField, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { NotifyField, REMIND_OPTIONS } from "@/components/admin/notify-field.tsx";
import { UpdateFields } from "@/components/admin/update-fields.tsx";
import { affectsComponentField } from "@/lib/forms/field-names.ts";
import { parseWallTime, toWallTime } from "@/lib/time/wall-time.ts";
import {
  cancelMaintenanceAction,
  deleteMaintenanceAction,
  editMaintenanceAction,
  maintenanceStepAction,
  postMaintenanceUpdateAction,
  scheduleMaintenanceAction,
} from "./actions.ts";

type Option = { value: string; label: string };

/** What a window form shows before anything was submitted. */
type WindowDefaults = {
  name: string;
  scheduledFor: string;
  scheduledUntil: string;
  componentIds: string[];
  autoStart: boolean;
  autoComplete: boolean;
};

/**
 * Name, window, components and automatic flags, shared by the schedule and edit forms. After an
 * error (`submitted`), the boxes show what was submitted rather than the defaults.
 */
function WindowFields({
  idPrefix,
  components,
  timeZone,
  defaults,
  submitted,
  values,
  errors,
  afterName,
  durationPresets = false,
}: {
  afterName?: ReactNode;
  /** Buttons that set the end from the start (30 min, 1 h, 2 h, 4 h), for a new window. */
  durationPresets?: boolean;
  idPrefix: string;
  components: { id: string; name: string }[];
  timeZone: string;
  defaults: WindowDefaults;
  submitted: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const checked = (name: string, fallback: boolean) => (submitted ? values[name] === "on" : fallback);
  return (
    <>
      <TextField
        name="name"
        id={`${idPrefix}-name`}
        label="Name"
        defaultValue={values.name ?? defaults.name}
        error={errors.name}
      />
      {afterName}
      {/* Side by side only where the form is wide enough to show a whole date and time in each. */}
      <div className="@container">
        <div className="grid gap-4 @lg:grid-cols-2">
          <TextField
            name="scheduledFor"
            id={`${idPrefix}-scheduledFor`}
            type="datetime-local"
            label="Starts"
            hint={`In ${timeZone}.`}
            defaultValue={values.scheduledFor ?? defaults.scheduledFor}
            error={errors.scheduledFor}
          />
          <TextField
            name="scheduledUntil"
            id={`${idPrefix}-scheduledUntil`}
            type="datetime-local"
            label="Ends"
            hint={`In ${timeZone}.`}
            defaultValue={values.scheduledUntil ?? defaults.scheduledUntil}
            error={errors.scheduledUntil}
          />
        </div>
        {durationPresets ? <DurationPresets idPrefix={idPrefix} timeZone={timeZone} /> : null}
      </div>
      <fieldset
        className="rounded-md border border-gray-300 p-3 dark:border-gray-700"
        aria-describedby={errors.components ? `${idPrefix}-components-error` : undefined}
      >
        <legend className="px-1 text-sm font-medium">Components under maintenance during the window</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {components.map((c) => (
            <label key={c.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={affectsComponentField(c.id)}
                defaultChecked={checked(affectsComponentField(c.id), defaults.componentIds.includes(c.id))}
                className="size-4"
              />
              {c.name}
            </label>
          ))}
        </div>
        <FieldError id={`${idPrefix}-components`} error={errors.components} />
      </fieldset>
      <div className="space-y-1 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoStart" defaultChecked={checked("autoStart", defaults.autoStart)} className="size-4" />
          Start automatically at the start time
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="autoComplete"
            defaultChecked={checked("autoComplete", defaults.autoComplete)}
            className="size-4"
          />
          Complete automatically at the end time
        </label>
      </div>
    </>
  );
}

const DURATIONS = [
  { minutes: 30, label: "30 min" },
  { minutes: 60, label: "1 h" },
  { minutes: 120, label: "2 h" },
  { minutes: 240, label: "4 h" },
];

/**
 * Sets the end to the start plus a chosen duration, counted on the real timeline in the page's
 * zone (lib/time), so a window over a daylight-saving change still lasts what was chosen. Shown
 * once the script runs: without it the two fields are typed as before.
 */
function DurationPresets({ idPrefix, timeZone }: { idPrefix: string; timeZone: string }) {
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  if (!enhanced) return null;
  const lasts = (minutes: number) => {
    const start = document.getElementById(`${idPrefix}-scheduledFor`);
    const end = document.getElementById(`${idPrefix}-scheduledUntil`);
    if (!(start instanceof HTMLInputElement) || !(end instanceof HTMLInputElement)) return;
    const at = parseWallTime(start.value, timeZone);
    if (at) end.value = toWallTime(new Date(at.getTime() + minutes * 60_000), timeZone);
  };
  return (
    <fieldset className="mt-2 flex flex-wrap items-center gap-2 text-sm">
      <legend className="float-left mr-1">Lasts</legend>
      {DURATIONS.map((d) => (
        <button
          key={d.minutes}
          type="button"
          onClick={() => lasts(d.minutes)}
          className="min-h-9 rounded-md border border-gray-300 bg-white px-3 text-sm font-medium hover:bg-gray-100 dark:border-gray-600 dark:bg-gray-900 dark:hover:bg-gray-800"
        >
          {d.label}
        </button>
      ))}
    </fieldset>
  );
}

const NEW_WINDOW: WindowDefaults = {
  name: "",
  scheduledFor: "",
  scheduledUntil: "",
  componentIds: [],
  autoStart: true,
  autoComplete: true,
};

export function ScheduleMaintenanceForm({
  components,
  timeZone,
  suggested,
}: {
  components: { id: string; name: string }[];
  timeZone: string;
  /** The window a new one starts from: the next full hour, for an hour (wall times in the page's zone). */
  suggested: { scheduledFor: string; scheduledUntil: string };
}) {
  const { state, formAction, formRef, values, errors } = useAdminForm(scheduleMaintenanceAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <WindowFields
        idPrefix="maintenance"
        afterName={
          <TextArea
            name="message"
            id="maintenance-message"
            label="Message"
            hint="Markdown. Shown on the public page from now on."
            defaultValue={values.message}
            error={errors.message}
          />
        }
        components={components}
        timeZone={timeZone}
        defaults={{ ...NEW_WINDOW, ...suggested }}
        durationPresets
        submitted={state.status === "error"}
        values={values}
        errors={errors}
      />
      <NotifyField values={values} id="maintenance-notify" />
      <SelectField
        name="remindBeforeMinutes"
        id="maintenance-remind"
        label="Remind subscribers"
        hint="A reminder goes to subscribers this long before the window starts."
        options={REMIND_OPTIONS}
        defaultValue={values.remindBeforeMinutes ?? "60"}
        error={errors.remindBeforeMinutes}
      />
      <SubmitButton>Schedule maintenance</SubmitButton>
    </form>
  );
}

export function EditMaintenanceForm({
  incidentId,
  version,
  components,
  timeZone,
  current,
}: {
  incidentId: string;
  version: number;
  components: { id: string; name: string }[];
  timeZone: string;
  current: WindowDefaults;
}) {
  const { state, formAction, formRef, values, errors } = useAdminForm(editMaintenanceAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="version" value={values.version ?? String(version)} />
      <WindowFields
        idPrefix="edit"
        components={components}
        timeZone={timeZone}
        defaults={current}
        submitted={state.status === "error"}
        values={values}
        errors={errors}
      />
      <SubmitButton>Save maintenance</SubmitButton>
    </form>
  );
}

export function PostMaintenanceUpdateForm({
  incidentId,
  statuses,
  timeZone,
  hint,
}: {
  incidentId: string;
  statuses: Option[];
  timeZone: string;
  hint: string;
}) {
  const { state, formAction, formRef, values, errors } = useAdminForm(postMaintenanceUpdateAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <UpdateFields
        status={{ label: "Status", hint, options: statuses, defaultValue: statuses[0]?.value }}
        timeZone={timeZone}
        values={values}
        errors={errors}
      />
      <SubmitButton>Post update</SubmitButton>
    </form>
  );
}

export function CancelMaintenanceForm({ incidentId, running }: { incidentId: string; running: boolean }) {
  const { state, formAction, formRef, values, errors } = useAdminForm(cancelMaintenanceAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <p className="text-sm">
        The maintenance stays on the public page with this final update and leaves the upcoming and active lists.
        {running ? " Its components return to the status they had before it started." : ""}
      </p>
      <TextArea
        name="message"
        id="cancel-message"
        label="Final update"
        rows={3}
        defaultValue={values.message ?? "This scheduled maintenance has been cancelled."}
        error={errors.message}
      />
      <NotifyField values={values} id="cancel-notify" />
      <SubmitButton tone="danger">Cancel maintenance</SubmitButton>
    </form>
  );
}

export function DeleteMaintenanceForm({ incidentId }: { incidentId: string }) {
  return (
    <ConfirmDeleteForm action={deleteMaintenanceAction} incidentId={incidentId} noun="maintenance">
      Deleting removes the maintenance and its updates from the public page, and the component status history it recorded (uptime
      will no longer count it). This cannot be undone: to call it off, cancel it instead.
    </ConfirmDeleteForm>
  );
}

export function MaintenanceStepForm({ incidentId, status, name }: { incidentId: string; status: string; name: string }) {
  const { state, formAction, formRef, values } = useAdminForm(maintenanceStepAction);
  const button = (intent: string, label: string) => (
    <button type="submit" name="intent" value={intent} className={buttonClass("plain")} aria-label={`${label}: ${name}`}>
      {label}
    </button>
  );
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-2">
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <IdempotencyKeyField />
      <div className="flex flex-wrap gap-2">
        {status === "scheduled" ? button("start", "Start now") : button("complete", "Complete now")}
      </div>
      <NotifyField values={values} id={`step-notify-${incidentId}`} />
    </form>
  );
}
