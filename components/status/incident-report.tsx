import { Instant } from "@/components/status/instant.tsx";
import type { IncidentDetail } from "@/lib/incidents/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { EditInAdminLink } from "./edit-in-admin-link.tsx";
import { guardedItem } from "./guarded-item.tsx";
import { ImpactLabel } from "./incident-card.tsx";
import { LocalTimeToggle } from "./local-time-toggle.tsx";
import { Markdown } from "./markdown.tsx";
import { IMPACT_TONE, TONE_TEXT } from "./status-styles.ts";
import { TimelineSection } from "./timeline-section.tsx";
import { UpdateEntry } from "./update-entry.tsx";

/**
 * An incident's (or maintenance's) own page: its updates newest first, the published postmortem,
 * the components affected and the timeline. Each part that shows stored dates is rendered on its
 * own (guardedItem): one that cannot be shown leaves the rest of the page standing.
 */
export function IncidentReport({ incident, page }: { incident: IncidentDetail; page: { name: string; timeZone: string } }) {
  const tz = page.timeZone;
  const isMaintenance = incident.kind === "maintenance";
  const { postmortem } = incident;
  return (
    <>
      <p className="mb-4 flex flex-wrap items-center justify-between gap-2 text-sm">
        <a href={withBase("/")} className="text-indigo-700 hover:underline dark:text-indigo-300">
          <span aria-hidden="true">← </span>Current status
        </a>
        <EditInAdminLink href={withBase(`/admin/${isMaintenance ? "maintenance" : "incidents"}/${incident.id}`)} />
      </p>
      <h1 className={`text-2xl font-bold sm:text-3xl ${TONE_TEXT[IMPACT_TONE[incident.impact]]}`}>{incident.name}</h1>
      <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-gray-700 dark:text-gray-300">
        <span>{`${isMaintenance ? "Scheduled Maintenance" : "Incident"} Report for ${page.name}`}</span>
        <ImpactLabel impact={incident.impact} />
      </p>
      {isMaintenance && incident.scheduledFor && incident.scheduledUntil
        ? guardedItem(`Incident ${incident.id}'s window`, () => (
            <p className="mt-2 text-sm text-gray-700 dark:text-gray-300">
              Scheduled for {formatInstant(incident.scheduledFor!, tz)} to {formatInstant(incident.scheduledUntil!, tz)}
            </p>
          ))
        : null}

      {/* Beside the first times on the page: the updates' (or the postmortem's). */}
      <LocalTimeToggle pageTimeZone={tz} className="mt-4" />
      <div className="mt-8 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white dark:divide-gray-800 dark:border-gray-800 dark:bg-gray-900">
        {postmortem ? (
          <section aria-labelledby="postmortem-heading" className="p-5 sm:p-6">
            <h2 id="postmortem-heading" className="text-lg font-semibold">
              Postmortem
            </h2>
            {guardedItem(`Incident ${incident.id}'s postmortem`, () => (
              <>
                <Markdown source={postmortem.body} className="mt-3" />
                <p className="mt-4 text-sm text-gray-600 dark:text-gray-400">
                  Posted {Instant({ at: postmortem.publishedAt, timeZone: tz })}
                </p>
              </>
            ))}
          </section>
        ) : null}
        <section aria-label="Updates" className="p-5 sm:p-6">
          <ol className="space-y-6">
            {incident.updates.map((u) => (
              <li key={u.id}>{guardedItem(`Update ${u.id}`, () => UpdateEntry({ update: u, timeZone: tz }))}</li>
            ))}
          </ol>
        </section>
      </div>

      {incident.components.length ? (
        <p className="mt-4 text-sm text-gray-700 dark:text-gray-300">
          This {isMaintenance ? "scheduled maintenance" : "incident"} affected:{" "}
          {incident.components.map((c) => c.name).join(", ")}.
        </p>
      ) : null}

      {incident.timeline.length
        ? guardedItem(`Incident ${incident.id}'s timeline`, () =>
            TimelineSection({ events: incident.timeline, startedAt: incident.startedAt, timeZone: tz }),
          )
        : null}
    </>
  );
}
