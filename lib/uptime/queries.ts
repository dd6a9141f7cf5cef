import type { DbOrTx } from "../db/client.ts";
import { dayKey, daysBackFrom } from "../time/format-instant.ts";
import { startOfDay } from "../time/zone.ts";
import type { DayWindow } from "./compute-uptime.ts";

export const UPTIME_DAYS = 90;

/** The last `count` calendar days in the zone, oldest first, with their exact bounds. */
export function dayWindows(now: Date, timeZone: string, count = UPTIME_DAYS): DayWindow[] {
  const today = dayKey(now, timeZone);
  const keys = [...daysBackFrom(today, count).reverse(), nextDay(today)];
  const starts = keys.map((k) => startOfDay(k, timeZone));
  return keys.slice(0, -1).map((day, i) => ({ day, start: starts[i]!, end: starts[i + 1]! }));
}

function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** What a day with anything to tell holds: downtime by severity, and the incidents that touched it. */
export type UptimeDayDetail = {
  majorMinutes: number;
  partialMinutes: number;
  degradedMinutes: number;
  maintenanceMinutes: number;
  /** Incident names, oldest first. */
  incidents: string[];
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

// Severity as the query ranks it (compute-uptime.ts's order): 1 maintenance … 4 major outage.
const CELL_BY_SEVERITY = ["o", "m", "d", "p", "M"];

/** componentId, day index, severity (null: nothing but incidents), ms major, partial, degraded, maintenance, incidents. */
type DayRow = [string, number, number | null, number | null, number | null, number | null, number | null, string[] | null];

/**
 * 90-day uptime for the given components, from their status history: the rules of
 * `computeUptime` (compute-uptime.ts, the definition this is tested against), worked out by
 * PostgreSQL in one query that returns only the days with something to tell. Day bounds come from
 * `dayWindows`, so days are the page's calendar days, daylight-saving changes included.
 */
export async function getComponentUptime(
  db: DbOrTx,
  options: { components: { id: string; startDate: Date }[]; timeZone: string; now: Date },
): Promise<Map<string, ComponentUptime>> {
  const { components, timeZone, now } = options;
  const result = new Map<string, ComponentUptime>();
  if (components.length === 0) return result;
  const windows = dayWindows(now, timeZone);
  const bounds = [...windows.map((w) => w.start), windows.at(-1)!.end];
  const from = bounds[0]!;
  const ids = components.map((c) => c.id);
  const startsAt = components.map((c) => startOfDay(c.startDate.toISOString().slice(0, 10), timeZone));

  // Spans of non-operational status (each change holds until the next), cut into the days they
  // touch (width_bucket finds a day from its bounds); a day counts from the later of its start
  // and the component's, up to now. A status counts towards a day's worst if it was in force when
  // the day began or was entered during it, however briefly.
  // One JSON value rather than a row per day: far cheaper for the client to read.
  const [{ days: rows }] = await db.$queryRaw<[{ days: DayRow[] }]>`
    WITH comp AS (
      SELECT * FROM unnest(${ids}::text[], ${startsAt}::timestamptz[]) AS c(id, starts_at)
    ), changes AS (
      SELECT c.id AS component, l.at, l.id, l.status
        FROM comp c CROSS JOIN LATERAL (
          SELECT at, id, status FROM "ComponentStatusChange" h
           WHERE h."componentId" = c.id AND h.at <= ${from}
           ORDER BY h.at DESC, h.id DESC LIMIT 1) l
      UNION ALL
      SELECT "componentId", at, id, status FROM "ComponentStatusChange"
       WHERE "componentId" = ANY(${ids}::text[]) AND at > ${from} AND at <= ${now}
    ), spans AS (
      SELECT component, status, at AS s, lead(at, 1, ${now}) OVER (PARTITION BY component ORDER BY at, id) AS e
        FROM changes
    ), span_days AS (
      SELECT sp.component, sp.status, g.day, sp.s, sp.e,
             greatest(b.b[g.day], c.starts_at) AS f, least(b.b[g.day + 1], ${now}) AS t
        FROM spans sp
        JOIN comp c ON c.id = sp.component
       CROSS JOIN (SELECT ${bounds}::timestamptz[] AS b) b
       CROSS JOIN LATERAL generate_series(greatest(width_bucket(sp.s, b.b), 1), least(width_bucket(sp.e, b.b), ${UPTIME_DAYS})) AS g(day)
       WHERE sp.status <> 'operational'
    ), status_days AS (
      SELECT component, day,
             max(CASE status WHEN 'major_outage' THEN 4 WHEN 'partial_outage' THEN 3
                             WHEN 'degraded_performance' THEN 2 ELSE 1 END)
               FILTER (WHERE (s > f AND s < t) OR (s <= f AND e > f)) AS severity,
             sum(ms) FILTER (WHERE status = 'major_outage') AS major,
             sum(ms) FILTER (WHERE status = 'partial_outage') AS partial,
             sum(ms) FILTER (WHERE status = 'degraded_performance') AS degraded,
             sum(ms) FILTER (WHERE status = 'under_maintenance') AS maintenance
        FROM (SELECT *, greatest(0, extract(epoch FROM least(e, t) - greatest(s, f)) * 1000) AS ms
                FROM span_days WHERE t > f) x
       GROUP BY component, day
    ), window_incidents AS MATERIALIZED (
      -- Few incidents touch the window; finding them first spares a look at every incident of
      -- every component.
      SELECT id, name, "startedAt", coalesce("resolvedAt", ${now}) AS "endedAt" FROM "Incident"
       WHERE kind = 'incident' AND "startedAt" < ${now} AND ("resolvedAt" >= ${from} OR "resolvedAt" IS NULL)
    ), incident_days AS (
      SELECT ic."componentId" AS component, g.day, array_agg(i.name ORDER BY i."startedAt", i.id) AS names
        FROM window_incidents i
        JOIN "IncidentComponent" ic ON ic."incidentId" = i.id
       CROSS JOIN (SELECT ${bounds}::timestamptz[] AS b) b
       CROSS JOIN LATERAL generate_series(greatest(width_bucket(i."startedAt", b.b), 1),
                                          least(width_bucket(i."endedAt", b.b), ${UPTIME_DAYS})) AS g(day)
       WHERE ic."componentId" = ANY(${ids}::text[])
       GROUP BY ic."componentId", g.day
    )
    SELECT coalesce(json_agg(json_build_array(coalesce(s.component, n.component), coalesce(s.day, n.day) - 1,
                                              s.severity, s.major, s.partial, s.degraded, s.maintenance, n.names)), '[]') AS days
      FROM status_days s FULL JOIN incident_days n ON n.component = s.component AND n.day = s.day`;

  const nowMs = now.getTime();
  const tallies = components.map((_, c) => {
    const startMs = startsAt[c]!.getTime();
    let totalMs = 0;
    const cells = windows.map((w): string => {
      const span = Math.min(w.end.getTime(), nowMs) - Math.max(w.start.getTime(), startMs);
      if (span <= 0) return "-";
      totalMs += span;
      return "o";
    });
    return { cells, totalMs, downMs: 0, details: new Map<number, UptimeDayDetail>() };
  });
  const byId = new Map(components.map((component, c) => [component.id, tallies[c]!]));
  for (const [componentId, day, severity, majorMs, partialMs, degradedMs, maintenanceMs, incidents] of rows) {
    const tally = byId.get(componentId)!;
    if (severity !== null) tally.cells[day] = CELL_BY_SEVERITY[severity]!;
    tally.downMs += (majorMs ?? 0) + 0.3 * (partialMs ?? 0);
    const detail = {
      majorMinutes: Math.round((majorMs ?? 0) / 60_000),
      partialMinutes: Math.round((partialMs ?? 0) / 60_000),
      degradedMinutes: Math.round((degradedMs ?? 0) / 60_000),
      maintenanceMinutes: Math.round((maintenanceMs ?? 0) / 60_000),
      incidents: incidents ?? [],
    };
    const minutes = detail.majorMinutes + detail.partialMinutes + detail.degradedMinutes + detail.maintenanceMinutes;
    if (minutes > 0 || detail.incidents.length > 0) tally.details.set(day, detail);
  }
  components.forEach((component, c) => {
    const { cells, totalMs, downMs, details } = tallies[c]!;
    result.set(component.id, {
      cells: cells.join(""),
      details,
      uptimePercent: totalMs > 0 ? 100 * (1 - downMs / totalMs) : null,
    });
  });
  return result;
}
