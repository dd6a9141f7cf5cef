import type { Metadata } from "next";
import { HistoryMonths } from "@/components/status/history-months.tsx";
import { PageFooter, PageHeader } from "@/components/status/page-header.tsx";
import { getPublicDb } from "@/lib/db/read-replica.ts";
import { getHistory, parsePageNumber, singleParam } from "@/lib/status-page/history.ts";
import { withBase } from "@/lib/urls/base-path.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Incident history" };

export default async function HistoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const data = await getHistory(await getPublicDb(), {
    pageNumber: parsePageNumber(params.page),
    componentId: singleParam(params.component),
  });
  const { page } = data;
  const href = (pageNumber: number) => {
    const query = new URLSearchParams();
    if (pageNumber > 1) query.set("page", String(pageNumber));
    if (data.componentId) query.set("component", data.componentId);
    const text = query.toString();
    return withBase(text ? `/history?${text}` : "/history");
  };
  // The front server's cache stores this page only under the key it declares: an unknown
  // component or a page past the last one is not a page of its own (lib/server/cache-policy.ts).
  const pageExists = data.pageNumber === 1 || data.months.length > 0;
  return (
    <>
      <meta name="upstate-cache-key" content={href(pageExists ? data.pageNumber : 1)} />
      <PageHeader page={page} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <h1 className="text-2xl font-bold">Incident history</h1>
          <form method="get" action={withBase("/history")} className="flex min-w-0 max-w-full items-end gap-2">
            <label className="min-w-0 text-sm">
              <span className="block font-medium">Component</span>
              <select
                name="component"
                defaultValue={data.componentId ?? ""}
                // A select is as wide as its longest option: a long component name must not widen the page.
                className="mt-1 max-w-44 rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm sm:max-w-xs dark:border-gray-700 dark:bg-gray-900"
              >
                <option value="">All components</option>
                {data.components.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="submit"
              className="rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800"
            >
              Filter
            </button>
          </form>
        </div>
        {data.months.length === 0 ? <p className="mt-6 text-gray-700 dark:text-gray-300">No incidents reported.</p> : null}
        <HistoryMonths months={data.months} timeZone={page.timeZone} />
        <nav aria-label="Pages" className="mt-10 flex justify-between text-sm font-medium">
          {data.pageNumber > 1 ? (
            <a href={href(data.pageNumber - 1)} className="text-indigo-700 hover:underline dark:text-indigo-300">
              ← Newer
            </a>
          ) : (
            <span />
          )}
          {data.hasNext ? (
            <a href={href(data.pageNumber + 1)} className="text-indigo-700 hover:underline dark:text-indigo-300">
              Older →
            </a>
          ) : null}
        </nav>
      </main>
      <PageFooter page={page} generatedAt={new Date()} />
    </>
  );
}
