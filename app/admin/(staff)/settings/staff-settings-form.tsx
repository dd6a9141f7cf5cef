"use client";

import { SelectField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { updateStaffSettingsAction } from "./staff-settings-actions.ts";

const intervalLabel = (minutes: number) =>
  minutes < 60 ? `${minutes} minutes` : `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;

export function StaffSettingsForm({
  settings,
  choices,
}: {
  settings: { requireTwoFactor: boolean; staffReminderMinutes: number | null };
  choices: readonly number[];
}) {
  const { state, formAction, formRef, values, errors } = useAdminForm(updateStaffSettingsAction);
  const submitted = state.status === "error";
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="requireTwoFactor"
          defaultChecked={submitted ? values.requireTwoFactor === "on" : settings.requireTwoFactor}
          className="mt-0.5 size-4"
        />
        <span>
          Require two-factor for password accounts. Staff who sign in with a password and have it off are sent to set it up before
          anything else. Single sign-on accounts are left to their identity provider.
        </span>
      </label>
      <SelectField
        name="staffReminderMinutes"
        label="Remind staff of an open incident with no update after"
        hint="Flagged on the dashboard and the incident's page, and sent to team channels once per interval."
        options={[
          ...choices.map((minutes) => ({ value: String(minutes), label: intervalLabel(minutes) })),
          { value: "off", label: "Off" },
        ]}
        defaultValue={submitted ? values.staffReminderMinutes : String(settings.staffReminderMinutes ?? "off")}
        error={errors.staffReminderMinutes}
      />
      <SubmitButton>Save staff settings</SubmitButton>
    </form>
  );
}
