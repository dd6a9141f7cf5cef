import Link from "next/link";
import type { QuietIncident } from "@/lib/incidents/quiet-incidents.ts";

const NOTICE =
  "rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100";

export function quietFor(minutes: number): string {
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

/** The dashboard's list of open incidents customers have heard nothing about for a while. */
export function QuietIncidentsNotice({ incidents }: { incidents: QuietIncident[] }) {
  if (incidents.length === 0) return null;
  return (
    <section aria-labelledby="quiet-heading" className={`mt-6 ${NOTICE}`}>
      <h2 id="quiet-heading" className="font-semibold">
        Needs an update
      </h2>
      <ul className="mt-1 space-y-1">
        {incidents.map((incident) => (
          <li key={incident.id}>
            <Link href={`/admin/incidents/${incident.id}`} className="font-medium underline">
              {incident.name}
            </Link>
            : no update for {quietFor(incident.quietMinutes)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On an incident's page, when it has gone quiet. */
export function QuietIncidentFlag({ incident }: { incident: QuietIncident | undefined }) {
  if (!incident) return null;
  return (
    <p role="status" className={NOTICE}>
      <span className="font-semibold">No update for {quietFor(incident.quietMinutes)}.</span> Customers are waiting: post an
      update, even to say you are still working on it.
    </p>
  );
}
