import type { DbOrTx } from "../db/client.ts";
import type { ComponentStatus } from "../domain.ts";
import { addDays, dayKey, daysBackFrom } from "../time/format-instant.ts";
import { startOfDay } from "../time/zone.ts";
import { type DayWindow, SEVERITY, weightedDowntime } from "./compute-uptime.ts";

export const UPTIME_DAYS = 90;

/** The last `count` calendar days in the zone, oldest first, with their exact bounds. */
export function dayWindows(now: Date, timeZone: string, count = UPTIME_DAYS): DayWindow[] {
  const today = dayKey(now, timeZone);
  const keys = [...daysBackFrom(today, count).reverse(), addDays(today, 1)];
  const starts = keys.map((k) => startOfDay(k, timeZone));
  return keys.slice(0, -1).map((day, i) => ({ day, start: starts[i]!, end: starts[i + 1]! }));
}

/** What a day with anything to tell holds: downtime by severity, and the incidents that touched it. */
export type UptimeDayDetail = {
  majorMinutes: number;
  partialMinutes: number;
  degradedMinutes: number;
  maintenanceMinutes: number;
  /** The incidents that touched the day, oldest first, each once (one row per incident and component). */
  incidents: { id: string; name: string }[];
};

/**
 * A component's last 90 days. `cells` has a letter per day, oldest first: `-` no data (before the
 * component's start date, or a day not begun), `o` operational, `m` maintenance, `d` degraded,
 * `p` partial outage, `M` major outage; each day's letter is its worst status.
 */
export type ComponentUptime = {
  cells: string;
  /** The days with downtime, maintenance or incidents, by index into `cells`. */
  details: Map<number, UptimeDayDetail>;
  uptimePercent: number | null;
};

// A cell letter by SEVERITY rank.
const CELL_BY_SEVERITY = ["o", "m", "d", "p", "M"];

/** componentId, status, from, until (ms since the epoch): a span of non-operational status. */
type SpanRow = [string, ComponentStatus, number, number];
/** componentId, incident id, incident name, started, ended or now (ms since the epoch). */
type IncidentRow = [string, string, string, number, number];

/** The index of the day holding `ms` (-1 before the first day, `bounds.length - 1` after the last). */
function dayIndex(bounds: readonly number[], ms: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * 90-day uptime for the given components, from their status history, by the rules of
 * `computeUptime` (compute-uptime.ts, the definition this is tested against). One query returns
 * what is not plain operation: the spans of other statuses and the incidents that touch the
 * window; only the days those touch are worked out, each by its exact bounds from `dayWindows`
 * (the page's calendar days, daylight-saving changes included).
 */
export async function getComponentUptime(
  db: DbOrTx,
  options: { components: { id: string; startDate: Date }[]; timeZone: string; now: Date },
): Promise<Map<string, ComponentUptime>> {
  const { components, timeZone, now } = options;
  const result = new Map<string, ComponentUptime>();
  if (components.length === 0) return result;
  const windows = dayWindows(now, timeZone);
  const bounds = [...windows.map((w) => w.start.getTime()), windows.at(-1)!.end.getTime()];
  const from = windows[0]!.start;
  const ids = components.map((c) => c.id);

  // Each change holds until the next (the last until now); the one in force when the window
  // opens comes first. Instants as epoch milliseconds, all in one JSON value: cheap to read.
  const [{ spans, incidents }] = await db.$queryRaw<[{ spans: SpanRow[]; incidents: IncidentRow[] }]>`
    WITH changes AS (
      SELECT c.id AS component, l.at, l.id, l.status
        FROM "Component" c CROSS JOIN LATERAL (
          SELECT at, id, status FROM "ComponentStatusChange" h
           WHERE h."componentId" = c.id AND h.at <= ${from}
           ORDER BY h.at DESC, h.id DESC LIMIT 1) l
       WHERE c.id = ANY(${ids}::text[])
      UNION ALL
      SELECT "componentId", at, id, status FROM "ComponentStatusChange"
       WHERE "componentId" = ANY(${ids}::text[]) AND at > ${from} AND at <= ${now}
    ), spans AS (
      SELECT component, status, at AS s, lead(at, 1, ${now}) OVER (PARTITION BY component ORDER BY at, id) AS e
        FROM changes
    ), window_incidents AS MATERIALIZED (
      -- Few incidents touch the window: find them first, then their components.
      SELECT id, name, "startedAt", coalesce("resolvedAt", ${now}) AS "endedAt" FROM "Incident"
       WHERE kind = 'incident' AND "startedAt" < ${now} AND ("resolvedAt" >= ${from} OR "resolvedAt" IS NULL)
    )
    SELECT
      (SELECT coalesce(json_agg(json_build_array(component, status, extract(epoch FROM s) * 1000, extract(epoch FROM e) * 1000)), '[]')
         FROM spans WHERE status <> 'operational') AS spans,
      (SELECT coalesce(json_agg(json_build_array(ic."componentId", i.id, i.name, extract(epoch FROM i."startedAt") * 1000,
                                                 extract(epoch FROM i."endedAt") * 1000) ORDER BY i."startedAt", i.id), '[]')
         FROM window_incidents i JOIN "IncidentComponent" ic ON ic."incidentId" = i.id
        WHERE ic."componentId" = ANY(${ids}::text[])) AS incidents`;

  const nowMs = now.getTime();
  const lastDay = windows.length - 1;
  const tallies = new Map(
    components.map((component) => {
      const startMs = startOfDay(component.startDate.toISOString().slice(0, 10), timeZone).getTime();
      let totalMs = 0;
      const cells = windows.map((_, d): string => {
        const span = Math.min(bounds[d + 1]!, nowMs) - Math.max(bounds[d]!, startMs);
        if (span <= 0) return "-";
        totalMs += span;
        return "o";
      });
      const severity: number[] = [];
      const tally = { cells, severity, totalMs, downMs: 0, details: new Map<number, UptimeDayDetail>() };
      return [component.id, tally] as [string, typeof tally];
    }),
  );
  const detailOf = (tally: { details: Map<number, UptimeDayDetail> }, day: number) => {
    let detail = tally.details.get(day);
    if (!detail) {
      detail = { majorMinutes: 0, partialMinutes: 0, degradedMinutes: 0, maintenanceMinutes: 0, incidents: [] };
      tally.details.set(day, detail);
    }
    return detail;
  };

  // Minutes are summed in milliseconds here and rounded at the end.
  for (const [componentId, status, s, e] of spans) {
    const tally = tallies.get(componentId)!;
    const rank = SEVERITY[status];
    for (let day = Math.max(0, dayIndex(bounds, s)); day <= Math.min(lastDay, dayIndex(bounds, e)); day++) {
      // A component's start is a day's start: a day before it has no data at all.
      if (tally.cells[day] === "-") continue;
      const f = bounds[day]!;
      const t = Math.min(bounds[day + 1]!, nowMs);
      // In force when the day began, or entered during it (however briefly).
      if ((s > f && s < t) || (s <= f && e > f)) tally.severity[day] = Math.max(tally.severity[day] ?? 0, rank);
      const ms = Math.min(e, t) - Math.max(s, f);
      if (ms <= 0) continue;
      const detail = detailOf(tally, day);
      if (status === "major_outage") detail.majorMinutes += ms;
      else if (status === "partial_outage") detail.partialMinutes += ms;
      else if (status === "degraded_performance") detail.degradedMinutes += ms;
      else detail.maintenanceMinutes += ms;
    }
  }
  for (const [componentId, id, name, startedAt, endedAt] of incidents) {
    const tally = tallies.get(componentId)!;
    for (let day = Math.max(0, dayIndex(bounds, startedAt)); day <= Math.min(lastDay, dayIndex(bounds, endedAt)); day++) {
      detailOf(tally, day).incidents.push({ id, name });
    }
  }

  for (const [componentId, tally] of tallies) {
    tally.severity.forEach((rank, day) => {
      tally.cells[day] = CELL_BY_SEVERITY[rank]!;
    });
    for (const [day, detail] of tally.details) {
      tally.downMs += weightedDowntime(detail);
      detail.majorMinutes = Math.round(detail.majorMinutes / 60_000);
      detail.partialMinutes = Math.round(detail.partialMinutes / 60_000);
      detail.degradedMinutes = Math.round(detail.degradedMinutes / 60_000);
      detail.maintenanceMinutes = Math.round(detail.maintenanceMinutes / 60_000);
      const minutes = detail.majorMinutes + detail.partialMinutes + detail.degradedMinutes + detail.maintenanceMinutes;
      if (minutes === 0 && detail.incidents.length === 0) tally.details.delete(day);
    }
    result.set(componentId, {
      cells: tally.cells.join(""),
      details: tally.details,
      uptimePercent: tally.totalMs > 0 ? 100 * (1 - tally.downMs / tally.totalMs) : null,
    });
  }
  return result;
}
