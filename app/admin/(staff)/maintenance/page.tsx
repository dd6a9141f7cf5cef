import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/admin/card.tsx";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { listComponentsForPicker } from "@/lib/incidents/admin-queries.ts";
import { incidentLabel } from "@/lib/incidents/labels.ts";
import { listMaintenanceForStaff } from "@/lib/maintenance/queries.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { nextFullHour } from "@/lib/time/next-full-hour.ts";
import { toWallTime } from "@/lib/time/wall-time.ts";
import { MaintenanceStepForm, ScheduleMaintenanceForm } from "./maintenance-forms.tsx";

export const metadata: Metadata = { title: "Maintenance" };

export default async function MaintenancePage() {
  await requireStaffPage("/admin/maintenance");
  const db = getDb();
  const [windows, components, page] = await Promise.all([
    listMaintenanceForStaff(db, { take: 50 }),
    listComponentsForPicker(db),
    getPageSettings(db),
  ]);
  const tz = page.timeZone;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Scheduled maintenance</h1>
      {windows.length === 0 ? (
        <p className="text-gray-600 dark:text-gray-400">No maintenance scheduled yet.</p>
      ) : (
        <ul className="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white dark:divide-gray-800 dark:border-gray-800 dark:bg-gray-900">
          {windows.map((m) => (
            <li key={m.id} className="space-y-2 p-4">
              <p>
                <Link href={`/admin/maintenance/${m.id}`} className="font-semibold underline-offset-2 hover:underline">
                  {m.name}
                </Link>{" "}
                · <span className="font-medium">{incidentLabel(m)}</span>
                <span className="block text-sm text-gray-600 dark:text-gray-400">
                  {m.scheduledFor ? formatInstant(m.scheduledFor, tz) : "?"} to{" "}
                  {m.scheduledUntil ? formatInstant(m.scheduledUntil, tz) : "?"}
                  {m.components.length ? ` · ${m.components.map((c) => c.component.name).join(", ")}` : ""}
                  {m.status !== "completed" && (m.autoStart || m.autoComplete)
                    ? ` · automatic ${[m.autoStart && m.status === "scheduled" && "start", m.autoComplete && "completion"].filter(Boolean).join(" and ")}`
                    : ""}
                </span>
              </p>
              {m.status !== "completed" ? <MaintenanceStepForm incidentId={m.id} status={m.status} name={m.name} /> : null}
            </li>
          ))}
        </ul>
      )}
      <Card id="schedule-maintenance" title="Schedule maintenance">
        <ScheduleMaintenanceForm components={components} timeZone={tz} suggested={suggestedWindow(tz)} />
      </Card>
    </div>
  );
}

/** A new window starts at the next full hour and lasts an hour, until staff choose otherwise. */
function suggestedWindow(timeZone: string) {
  const start = nextFullHour(new Date(), timeZone);
  return {
    scheduledFor: toWallTime(start, timeZone),
    scheduledUntil: toWallTime(new Date(start.getTime() + 3_600_000), timeZone),
  };
}
