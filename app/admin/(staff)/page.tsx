import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { QuietIncidentsNotice } from "@/components/admin/quiet-incidents-notice.tsx";
import { IMPACT_TONE, TONE_TEXT } from "@/components/status/status-styles.ts";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { INCIDENT_STATUS_LABELS } from "@/lib/domain.ts";
import { listIncidentsForStaff } from "@/lib/incidents/admin-queries.ts";
import { listQuietIncidents } from "@/lib/incidents/quiet-incidents.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentListPage() {
  await requireStaffPage("/admin");
  const db = getDb();
  const [incidents, page, quiet] = await Promise.all([listIncidentsForStaff(db), getPageSettings(db), listQuietIncidents(db)]);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Incidents</h1>
        <Link href="/admin/incidents/new" className={buttonClass()}>
          New incident
        </Link>
      </div>
      <QuietIncidentsNotice incidents={quiet} />
      {incidents.length === 0 ? (
        <p className="mt-6 text-gray-600 dark:text-gray-400">No incidents yet.</p>
      ) : (
        <ul className="mt-6 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white dark:divide-gray-800 dark:border-gray-800 dark:bg-gray-900">
          {incidents.map((incident) => (
            <li key={incident.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 p-4">
              <Link
                href={`/admin/incidents/${incident.id}`}
                className={`font-semibold underline-offset-2 hover:underline ${TONE_TEXT[IMPACT_TONE[incident.impact]]}`}
              >
                {incident.name}
              </Link>
              <span className="text-sm font-medium">{INCIDENT_STATUS_LABELS[incident.status]}</span>
              <span className="text-sm text-gray-600 dark:text-gray-400">
                started {formatInstant(incident.startedAt, page.timeZone)} · {incident._count.updates}{" "}
                {incident._count.updates === 1 ? "update" : "updates"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
