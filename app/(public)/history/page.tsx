import type { Metadata } from "next";
import { Instant } from "@/components/status/instant.tsx";
import { PageFooter, PageHeader } from "@/components/status/page-header.tsx";
import { IMPACT_TONE, TONE_TEXT } from "@/components/status/status-styles.ts";
import { getDb } from "@/lib/db/client.ts";
import { INCIDENT_STATUS_LABELS } from "@/lib/domain.ts";
import { getHistory, parsePageNumber } from "@/lib/status-page/history.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Incident history" };

export default async function HistoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const data = await getHistory(getDb(), parsePageNumber((await searchParams).page));
  const { page } = data;
  return (
    <>
      <PageHeader page={page} />
      <main className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="text-2xl font-bold">Incident history</h1>
        {data.months.length === 0 ? <p className="mt-6 text-gray-700 dark:text-gray-300">No incidents reported.</p> : null}
        {data.months.map((month) => (
          <section key={month.month} className="mt-8" aria-labelledby={`m-${month.month}`}>
            <h2 id={`m-${month.month}`} className="border-b border-gray-200 pb-2 text-lg font-semibold dark:border-gray-800">
              {month.month}
            </h2>
            <ul className="mt-3 space-y-3">
              {month.incidents.map((i) => (
                <li key={i.id}>
                  <a href={`/incidents/${i.id}`} className={`font-semibold hover:underline ${TONE_TEXT[IMPACT_TONE[i.impact]]}`}>
                    {i.name}
                  </a>
                  <p className="text-sm text-gray-600 dark:text-gray-400">
                    {INCIDENT_STATUS_LABELS[i.status]} · <Instant at={i.startedAt} timeZone={page.timeZone} />
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))}
        <nav aria-label="Pages" className="mt-10 flex justify-between text-sm font-medium">
          {data.pageNumber > 1 ? (
            <a href={`/history?page=${data.pageNumber - 1}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
              ← Newer
            </a>
          ) : (
            <span />
          )}
          {data.hasNext ? (
            <a href={`/history?page=${data.pageNumber + 1}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
              Older →
            </a>
          ) : null}
        </nav>
      </main>
      <PageFooter page={page} generatedAt={new Date()} />
    </>
  );
}
