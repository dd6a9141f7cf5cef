import type { IncidentSummary } from "@/lib/status-page/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { StatusIcon } from "./status-icon.tsx";
import { IMPACT_LABEL, IMPACT_TONE, TONE_BORDER, TONE_TEXT } from "./status-styles.ts";
import { UpdateEntry } from "./update-entry.tsx";

/**
 * An open incident or maintenance: its newest update in full, the earlier ones folded. During an
 * outage with several incidents, every update in full would push the components (what a visitor
 * came to check) below the first screen; the incident's own page keeps the whole story.
 */
export function IncidentCard({
  incident,
  timeZone,
  calendar = false,
}: {
  incident: IncidentSummary;
  timeZone: string;
  /** Offer the window as an `.ics` file (upcoming maintenance). */
  calendar?: boolean;
}) {
  const window =
    incident.kind === "maintenance" && incident.scheduledFor && incident.scheduledUntil
      ? `${formatInstant(incident.scheduledFor, timeZone)} to ${formatInstant(incident.scheduledUntil, timeZone)}`
      : null;
  const [newest, ...earlier] = incident.updates;
  const tone = IMPACT_TONE[incident.impact];
  return (
    <article
      className={`rounded-lg border border-l-4 border-gray-200 bg-white px-4 py-3 dark:border-gray-800 dark:bg-gray-900 ${TONE_BORDER[tone]}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 className="text-lg font-semibold">
          <a href={withBase(`/incidents/${incident.id}`)} className="hover:underline">
            {incident.name}
          </a>
        </h3>
        <ImpactLabel impact={incident.impact} />
      </div>
      {window ? (
        <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          Scheduled for {window}
          {calendar ? (
            <>
              {" · "}
              <a
                href={withBase(`/incidents/${incident.id}/calendar.ics`)}
                className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              >
                Add to calendar<span className="sr-only">: {incident.name}</span>
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      {newest ? <UpdateEntry update={newest} timeZone={timeZone} className="run-in mt-2 block" /> : null}
      {/* One line under the update, so that an outage's cards stay short; opened, the earlier updates take the full width. */}
      <div className="mt-2 flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
        {incident.components.length ? (
          <p className="text-gray-600 dark:text-gray-400">
            {incident.kind === "maintenance" ? "Affects" : "Affecting"}: {incident.components.join(", ")}
          </p>
        ) : null}
        {earlier.length ? (
          <details className="open:basis-full">
            <summary className="cursor-pointer font-medium text-gray-700 hover:underline dark:text-gray-300">
              {earlier.length} earlier {earlier.length === 1 ? "update" : "updates"}
            </summary>
            <ol className="mt-3 space-y-4 text-base">
              {earlier.map((u) => (
                <li key={u.id}>
                  <UpdateEntry update={u} timeZone={timeZone} />
                </li>
              ))}
            </ol>
          </details>
        ) : null}
      </div>
    </article>
  );
}

/** The impact in words beside its colour. */
export function ImpactLabel({ impact }: { impact: IncidentSummary["impact"] }) {
  const tone = IMPACT_TONE[impact];
  return (
    <span className={`inline-flex shrink-0 items-center gap-1.5 text-sm font-medium ${TONE_TEXT[tone]}`}>
      <StatusIcon tone={tone} className="size-4" />
      {IMPACT_LABEL[impact]}
    </span>
  );
}
