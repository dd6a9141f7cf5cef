import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EditInAdminLink } from "@/components/status/edit-in-admin-link.tsx";
import { ImpactLabel } from "@/components/status/incident-card.tsx";
import { Instant } from "@/components/status/instant.tsx";
import { Markdown } from "@/components/status/markdown.tsx";
import { PageFooter, PageHeader } from "@/components/status/page-header.tsx";
import { IMPACT_TONE, TONE_TEXT } from "@/components/status/status-styles.ts";
import { TimelineSection } from "@/components/status/timeline-section.tsx";
import { UpdateEntry } from "@/components/status/update-entry.tsx";
import { getDb } from "@/lib/db/client.ts";
import { getPublicIncident } from "@/lib/incidents/queries.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { withBase } from "@/lib/urls/base-path.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const db = getDb();
  const [incident, page] = await Promise.all([getPublicIncident(db, id), getPageSettings(db)]);
  return { title: incident ? `${incident.name} - ${page.name} Status` : `Not found - ${page.name} Status` };
}

export default async function IncidentPage({ params }: Props) {
  const { id } = await params;
  const db = getDb();
  const [incident, page] = await Promise.all([getPublicIncident(db, id), getPageSettings(db)]);
  if (!incident) notFound();
  const tz = page.timeZone;
  const isMaintenance = incident.kind === "maintenance";
  return (
    <>
      <PageHeader page={page} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
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
        {isMaintenance && incident.scheduledFor && incident.scheduledUntil ? (
          <p className="mt-2 text-sm text-gray-700 dark:text-gray-300">
            Scheduled for {formatInstant(incident.scheduledFor, tz)} to {formatInstant(incident.scheduledUntil, tz)}
          </p>
        ) : null}

        <div className="mt-8 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white dark:divide-gray-800 dark:border-gray-800 dark:bg-gray-900">
          {incident.postmortem ? (
            <section aria-labelledby="postmortem-heading" className="p-5 sm:p-6">
              <h2 id="postmortem-heading" className="text-lg font-semibold">
                Postmortem
              </h2>
              <Markdown source={incident.postmortem.body} className="mt-3" />
              <p className="mt-4 text-sm text-gray-600 dark:text-gray-400">
                Posted <Instant at={incident.postmortem.publishedAt} timeZone={tz} />
              </p>
            </section>
          ) : null}
          <section aria-label="Updates" className="p-5 sm:p-6">
            <ol className="space-y-6">
              {incident.updates.map((u) => (
                <li key={u.id}>
                  <UpdateEntry update={u} timeZone={tz} />
                </li>
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

        {incident.timeline.length ? (
          <TimelineSection events={incident.timeline} startedAt={incident.startedAt} timeZone={tz} />
        ) : null}
      </main>
      <PageFooter page={page} generatedAt={new Date()} />
    </>
  );
}
