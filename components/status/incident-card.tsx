import type { IncidentSummary } from "@/lib/status-page/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { IMPACT_TONE, TONE_BORDER } from "./status-styles.ts";
import { UpdateEntry } from "./update-entry.tsx";

/** An open incident or maintenance with all its updates, newest first. */
export function IncidentCard({ incident, timeZone }: { incident: IncidentSummary; timeZone: string }) {
  const window =
    incident.kind === "maintenance" && incident.scheduledFor && incident.scheduledUntil
      ? `${formatInstant(incident.scheduledFor, timeZone)} to ${formatInstant(incident.scheduledUntil, timeZone)}`
      : null;
  return (
    <article
      className={`rounded-lg border border-l-4 border-gray-200 bg-white p-5 dark:border-gray-800 dark:bg-gray-900 ${TONE_BORDER[IMPACT_TONE[incident.impact]]}`}
    >
      <h3 className="text-lg font-semibold">
        <a href={withBase(`/incidents/${incident.id}`)} className="hover:underline">
          {incident.name}
        </a>
      </h3>
      {window ? <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">Scheduled for {window}</p> : null}
      <ol className="mt-3 space-y-4">
        {incident.updates.map((u) => (
          <li key={u.id}>
            <UpdateEntry update={u} timeZone={timeZone} />
          </li>
        ))}
      </ol>
      {incident.components.length ? (
        <p className="mt-4 text-sm text-gray-600 dark:text-gray-400">
          This {incident.kind === "maintenance" ? "maintenance" : "incident"} affects: {incident.components.join(", ")}.
        </p>
      ) : null}
    </article>
  );
}
