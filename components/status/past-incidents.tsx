import type { ReactNode } from "react";
import type { IncidentSummary } from "@/lib/status-page/queries.ts";
import { formatDayKey } from "@/lib/time/format-instant.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { type PastDay, PastIncidentDays } from "./past-incident-days.tsx";
import { updateEntryData } from "./update-entry.tsx";

function toPastDay(day: { day: string; incidents: IncidentSummary[] }, timeZone: string): PastDay {
  return {
    label: formatDayKey(day.day),
    incidents: day.incidents.map((incident) => ({
      id: incident.id,
      name: incident.name,
      impact: incident.impact,
      updates: incident.updates.map((u) => updateEntryData(u, timeZone)),
    })),
  };
}

/** "Past Incidents" of the status page, and the link to the rest of the history. */
export function PastIncidents({
  days,
  timeZone,
  beside,
}: {
  days: { day: string; incidents: IncidentSummary[] }[];
  timeZone: string;
  /** Shown beside the heading (the local-time switch when these are the page's first times). */
  beside?: ReactNode;
}) {
  return (
    <section aria-labelledby="past-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="past-heading" className="text-lg font-semibold">
          Past Incidents
        </h2>
        {beside}
      </div>
      <PastIncidentDays days={days.map((day) => toPastDay(day, timeZone))} />
      <p className="mt-6">
        <a href={withBase("/history")} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← Incident history
        </a>
      </p>
    </section>
  );
}
