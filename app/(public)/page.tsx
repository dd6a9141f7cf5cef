import type { Metadata } from "next";
import { ComponentList } from "@/components/status/component-list.tsx";
import { IncidentCard } from "@/components/status/incident-card.tsx";
import { PageFooter, PageHeader } from "@/components/status/page-header.tsx";
import { StatusBanner } from "@/components/status/status-banner.tsx";
import { IMPACT_TONE, TONE_TEXT } from "@/components/status/status-styles.ts";
import { UpdateEntry } from "@/components/status/update-entry.tsx";
import { getDb } from "@/lib/db/client.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { getStatusPageData } from "@/lib/status-page/queries.ts";
import { formatDayKey } from "@/lib/time/format-instant.ts";
import { withBase } from "@/lib/urls/base-path.ts";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const page = await getPageSettings(getDb());
  return { title: `${page.name} Status` };
}

export default async function StatusPage() {
  const data = await getStatusPageData(getDb());
  const { page } = data;
  return (
    <>
      <PageHeader page={page} />
      <main className="mx-auto max-w-3xl space-y-10 px-4 py-8">
        <h1 className="sr-only">{page.name} status</h1>
        <StatusBanner overall={data.overall} />

        {data.openIncidents.length || data.activeMaintenance.length ? (
          <section aria-labelledby="open-heading" className="space-y-4">
            <h2 id="open-heading" className="text-lg font-semibold">
              Ongoing
            </h2>
            {[...data.openIncidents, ...data.activeMaintenance].map((incident) => (
              <IncidentCard key={incident.id} incident={incident} timeZone={page.timeZone} />
            ))}
          </section>
        ) : null}

        <ComponentList groups={data.groups} lastDay={data.pastDays[0]!.day} />

        {data.upcomingMaintenance.length ? (
          <section aria-labelledby="upcoming-heading" className="space-y-4">
            <h2 id="upcoming-heading" className="text-lg font-semibold">
              Scheduled Maintenance
            </h2>
            {data.upcomingMaintenance.map((m) => (
              <IncidentCard key={m.id} incident={m} timeZone={page.timeZone} />
            ))}
          </section>
        ) : null}

        <section aria-labelledby="past-heading">
          <h2 id="past-heading" className="text-lg font-semibold">
            Past Incidents
          </h2>
          <div className="mt-4 space-y-6">
            {data.pastDays.map((day) => (
              <div key={day.day} className="border-b border-gray-200 pb-5 dark:border-gray-800">
                <h3 className="font-semibold">{formatDayKey(day.day)}</h3>
                {day.incidents.length === 0 ? (
                  <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">No incidents reported.</p>
                ) : (
                  <ul className="mt-3 space-y-5">
                    {day.incidents.map((incident) => (
                      <li key={incident.id}>
                        <a
                          href={withBase(`/incidents/${incident.id}`)}
                          className={`font-semibold hover:underline ${TONE_TEXT[IMPACT_TONE[incident.impact]]}`}
                        >
                          {incident.name}
                        </a>
                        {incident.updates.map((u) => (
                          <UpdateEntry
                            key={u.id}
                            update={u}
                            timeZone={page.timeZone}
                            cancelledAt={incident.cancelledAt}
                            className="mt-2 text-sm"
                          />
                        ))}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </div>
          <p className="mt-6">
            <a href={withBase("/history")} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              ← Incident history
            </a>
          </p>
        </section>
      </main>
      <PageFooter page={page} generatedAt={data.generatedAt} />
    </>
  );
}
