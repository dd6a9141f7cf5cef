"use client";

import { buttonClass } from "@/components/admin/button-styles.ts";
import { TextArea, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { maintenanceStepAction, scheduleMaintenanceAction } from "./actions.ts";

export function ScheduleMaintenanceForm({
  components,
  timeZone,
}: {
  components: { id: string; name: string }[];
  timeZone: string;
}) {
  const { state, formAction, formRef, v, e } = useAdminForm(scheduleMaintenanceAction);
  const fresh = state.status !== "error";
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <TextField name="name" id="maintenance-name" label="Name" defaultValue={v.name} error={e.name} />
      <TextArea
        name="message"
        id="maintenance-message"
        label="Message"
        hint="Markdown. Shown on the public page from now on."
        defaultValue={v.message}
        error={e.message}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="scheduledFor"
          type="datetime-local"
          label="Starts"
          hint={`In ${timeZone}.`}
          defaultValue={v.scheduledFor}
          error={e.scheduledFor}
        />
        <TextField
          name="scheduledUntil"
          type="datetime-local"
          label="Ends"
          hint={`In ${timeZone}.`}
          defaultValue={v.scheduledUntil}
          error={e.scheduledUntil}
        />
      </div>
      <fieldset className="rounded-md border border-gray-300 p-3 dark:border-gray-700">
        <legend className="px-1 text-sm font-medium">Components under maintenance during the window</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {components.map((c) => (
            <label key={c.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={`affects:${c.id}`} defaultChecked={v[`affects:${c.id}`] === "on"} className="size-4" />
              {c.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-1 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoStart" defaultChecked={fresh || v.autoStart === "on"} className="size-4" />
          Start automatically at the start time
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoComplete" defaultChecked={fresh || v.autoComplete === "on"} className="size-4" />
          Complete automatically at the end time
        </label>
      </div>
      <SubmitButton>Schedule maintenance</SubmitButton>
    </form>
  );
}

export function MaintenanceStepForm({ incidentId, status, name }: { incidentId: string; status: string; name: string }) {
  const { state, formAction, formRef } = useAdminForm(maintenanceStepAction);
  const button = (intent: string, label: string) => (
    <button type="submit" name="intent" value={intent} className={buttonClass("plain")} aria-label={`${label}: ${name}`}>
      {label}
    </button>
  );
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-2">
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <div className="flex flex-wrap gap-2">
        {status === "scheduled" ? button("start", "Start now") : null}
        {status !== "completed" ? button("complete", "Complete now") : null}
        {status === "scheduled" ? button("cancel", "Cancel") : null}
      </div>
    </form>
  );
}
