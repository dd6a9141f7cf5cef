import { Card } from "@/components/admin/card.tsx";
import { getDb } from "@/lib/db/client.ts";
import { STAFF_REMINDER_CHOICES } from "@/lib/page/update-staff-settings.ts";
import { StaffSettingsForm } from "./staff-settings-form.tsx";

/** Two-factor requirement and incident reminders: saved on their own, beside the page's settings. */
export async function StaffSettings() {
  const row = await getDb().pageSettings.findUnique({
    where: { id: 1 },
    select: { requireTwoFactor: true, staffReminderMinutes: true },
  });
  return (
    <div className="mt-6">
      <Card id="staff-settings" title="Staff">
        <StaffSettingsForm
          settings={{
            requireTwoFactor: row?.requireTwoFactor ?? false,
            staffReminderMinutes: row ? row.staffReminderMinutes : 30,
          }}
          choices={STAFF_REMINDER_CHOICES}
        />
      </Card>
    </div>
  );
}
