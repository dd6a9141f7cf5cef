import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IncidentReport } from "@/components/status/incident-report.tsx";
import { PageFooter, PageHeader } from "@/components/status/page-header.tsx";
import { getPublicDb } from "@/lib/db/read-replica.ts";
import { getPublicIncident } from "@/lib/incidents/queries.ts";
import { prerenderMarkdown } from "@/lib/markdown/render-pool.ts";
import { getPageSettings } from "@/lib/page/queries.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const db = await getPublicDb();
  const [incident, page] = await Promise.all([getPublicIncident(db, id), getPageSettings(db)]);
  return { title: incident ? `${incident.name} - ${page.name} Status` : `Not found - ${page.name} Status` };
}

export default async function IncidentPage({ params }: Props) {
  const { id } = await params;
  const db = await getPublicDb();
  const [incident, page] = await Promise.all([getPublicIncident(db, id), getPageSettings(db)]);
  if (!incident) notFound();
  // Parsed off this thread first (lib/markdown/render-pool.ts).
  await prerenderMarkdown([...(incident.postmortem ? [incident.postmortem.body] : []), ...incident.updates.map((u) => u.body)]);
  return (
    <>
      <PageHeader page={page} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
        <IncidentReport incident={incident} page={page} />
      </main>
      <PageFooter page={page} generatedAt={new Date()} timeToggle={false} />
    </>
  );
}
