import type { Metadata } from "next";
import { cache } from "react";
import { ComponentList } from "@/components/status/component-list.tsx";
import { IncidentCard } from "@/components/status/incident-card.tsx";
import { LocalTimeToggle } from "@/components/status/local-time-toggle.tsx";
import { PageFooter, PageHeader } from "@/components/status/page-header.tsx";
import { PastIncidents } from "@/components/status/past-incidents.tsx";
import { StatusBanner } from "@/components/status/status-banner.tsx";
import { statusFaviconUri, statusTitle } from "@/components/status/status-favicon.ts";
import { getPublicDb } from "@/lib/db/read-replica.ts";
import { prerenderMarkdown } from "@/lib/markdown/render-pool.ts";
import { getStatusPageData } from "@/lib/status-page/queries.ts";
import { pageMetadata } from "@/lib/urls/page-metadata.ts";

export const dynamic = "force-dynamic";

// One read per request for both the metadata (the tab's status) and the page; the updates'
// markdown is parsed off this thread first (lib/markdown/render-pool.ts).
const statusPageData = cache(async () => {
  const data = await getStatusPageData(await getPublicDb());
  const shown = [...data.openIncidents, ...data.activeMaintenance, ...data.upcomingMaintenance];
  for (const day of data.pastDays) shown.push(...day.incidents);
  await prerenderMarkdown(shown.flatMap((incident) => incident.updates.map((update) => update.body)));
  return data;
});

export async function generateMetadata(): Promise<Metadata> {
  const { page, overall } = await statusPageData();
  return {
    title: statusTitle(overall, page.name),
    icons: { icon: statusFaviconUri(overall.indicator) },
    ...pageMetadata({ pageName: page.name, pagePublicUrl: page.publicUrl, home: true }),
  };
}

export default async function StatusPage() {
  const data = await statusPageData();
  const { page } = data;
  // The local-time switch sits beside the first times on the page: the ongoing incidents' when
  // there are any, else the past incidents'.
  const ongoing = data.openIncidents.length > 0 || data.activeMaintenance.length > 0;
  return (
    <>
      <PageHeader page={page} />
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-6">
        <h1 className="sr-only">{page.name} status</h1>
        <StatusBanner overall={data.overall} />

        {ongoing ? (
          <section aria-labelledby="open-heading" className="space-y-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="open-heading" className="text-lg font-semibold">
                Ongoing
              </h2>
              <LocalTimeToggle pageTimeZone={page.timeZone} />
            </div>
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
              <IncidentCard key={m.id} incident={m} timeZone={page.timeZone} calendar />
            ))}
          </section>
        ) : null}

        <PastIncidents
          days={data.pastDays}
          timeZone={page.timeZone}
          beside={ongoing ? null : <LocalTimeToggle pageTimeZone={page.timeZone} />}
        />
      </main>
      <PageFooter page={page} generatedAt={data.generatedAt} timeToggle={false} />
    </>
  );
}
