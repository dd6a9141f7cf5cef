import type { DbOrTx } from "../db/client.ts";
import type { IncidentBase } from "../incidents/queries.ts";
import { getPageSettings, type PageSettingsView } from "../page/queries.ts";
import { formatMonth } from "../time/format-instant.ts";

export const HISTORY_PAGE_SIZE = 25;
const UNKNOWN_MONTH = "Date unknown";

export type HistoryData = {
  page: PageSettingsView;
  components: { id: string; name: string }[];
  /** The component filter in force; null when none (or an unknown id was given). */
  componentId: string | null;
  months: {
    month: string;
    incidents: (IncidentBase & { cancelledAt: Date | null })[];
  }[];
  pageNumber: number;
  hasNext: boolean;
};

/** Incidents and maintenance, newest first, grouped by month in the page's time zone. */
export async function getHistory(db: DbOrTx, options: { pageNumber: number; componentId?: string | null }): Promise<HistoryData> {
  const { pageNumber } = options;
  const [page, components] = await Promise.all([
    getPageSettings(db),
    db.component.findMany({ orderBy: [{ name: "asc" }], select: { id: true, name: true } }),
  ]);
  const componentId = components.some((c) => c.id === options.componentId) ? options.componentId! : null;
  const rows = await db.incident.findMany({
    where: {
      NOT: { kind: "maintenance", status: "scheduled" },
      ...(componentId ? { components: { some: { componentId } } } : {}),
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    skip: (pageNumber - 1) * HISTORY_PAGE_SIZE,
    take: HISTORY_PAGE_SIZE + 1,
    select: { id: true, kind: true, name: true, status: true, impact: true, startedAt: true, cancelledAt: true },
  });
  const months: HistoryData["months"] = [];
  for (const row of rows.slice(0, HISTORY_PAGE_SIZE)) {
    // A start stored out of bounds before dates were checked cannot be placed in a month: the
    // incident stays where the database sorts it, for the page to show as "could not be shown".
    const month = Number.isFinite(row.startedAt.getTime())
      ? formatMonth(row.startedAt, page.timeZone)
      : (months.at(-1)?.month ?? UNKNOWN_MONTH);
    const last = months.at(-1);
    if (last?.month === month) last.incidents.push(row);
    else months.push({ month, incidents: [row] });
  }
  return { page, components, componentId, months, pageNumber, hasNext: rows.length > HISTORY_PAGE_SIZE };
}

/** A query parameter's single value, or null. */
export function singleParam(raw: string | string[] | undefined): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value ? value.slice(0, 100) : null;
}

/** `?page=` as a page number; anything else is page 1. */
export function parsePageNumber(raw: string | string[] | undefined): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
