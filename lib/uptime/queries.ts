import type { DbOrTx } from "../db/client.ts";
import type { ComponentStatus } from "../domain.ts";
import { dayKey, daysBackFrom } from "../time/format-instant.ts";
import { startOfDay } from "../time/zone.ts";
import { computeUptime, type DayWindow, type StatusChange, type UptimeResult } from "./compute-uptime.ts";

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

export type ComponentUptime = UptimeResult & {
  /** Names of incidents that touched the component, per day (same order as `days`). */
  incidentsByDay: string[][];
};

/** 90-day uptime for the given components, from their status history. */
export async function getComponentUptime(
  db: DbOrTx,
  options: { components: { id: string; startDate: Date }[]; timeZone: string; now: Date },
): Promise<Map<string, ComponentUptime>> {
  const { components, timeZone, now } = options;
  const result = new Map<string, ComponentUptime>();
  if (components.length === 0) return result;
  const windows = dayWindows(now, timeZone);
  const from = windows[0]!.start;
  const ids = components.map((c) => c.id);

  // Raw SQL: these are the page's heaviest reads (200 components × 90 days on a large page).
  const [before, within, incidents] = await Promise.all([
    // The status each component had when the window opened.
    db.$queryRaw<{ componentId: string; at: Date; status: ComponentStatus }[]>`
      SELECT c.id AS "componentId", l.at, l.status::text AS status
        FROM "Component" c
        CROSS JOIN LATERAL (
          SELECT at, status FROM "ComponentStatusChange" h
           WHERE h."componentId" = c.id AND h.at <= ${from}
           ORDER BY h.at DESC, h.id DESC LIMIT 1) l
       WHERE c.id = ANY(${ids})`,
    db.$queryRaw<{ componentId: string; at: Date; status: ComponentStatus }[]>`
      SELECT "componentId", at, status::text AS status FROM "ComponentStatusChange"
       WHERE at > ${from} AND at <= ${now} AND "componentId" = ANY(${ids})
       ORDER BY at, id`,
    db.$queryRaw<{ componentId: string; name: string; startedAt: Date; resolvedAt: Date | null }[]>`
      SELECT ic."componentId", i.name, i."startedAt", i."resolvedAt"
        FROM "Incident" i JOIN "IncidentComponent" ic ON ic."incidentId" = i.id
       WHERE i.kind = 'incident' AND i."startedAt" < ${now}
         AND (i."resolvedAt" >= ${from} OR i."resolvedAt" IS NULL)
         AND ic."componentId" = ANY(${ids})
       ORDER BY i."startedAt"`,
  ]);

  const changes = new Map<string, StatusChange[]>(ids.map((id) => [id, []]));
  for (const row of before) changes.get(row.componentId)!.push({ at: row.at, status: row.status });
  for (const row of within) changes.get(row.componentId)!.push({ at: row.at, status: row.status });

  // Each incident lands on the days it overlaps, for each component it affected.
  const incidentsByComponent = new Map<string, string[][]>(ids.map((id) => [id, windows.map(() => [])]));
  for (const incident of incidents) {
    const end = incident.resolvedAt ?? now;
    const first = windows.findIndex((w) => w.end > incident.startedAt);
    if (first < 0) continue;
    const byDay = incidentsByComponent.get(incident.componentId);
    for (let day = first; byDay && day < windows.length && windows[day]!.start <= end; day++) byDay[day]!.push(incident.name);
  }

  for (const component of components) {
    const startsAt = startOfDay(component.startDate.toISOString().slice(0, 10), timeZone);
    const uptime = computeUptime({ changes: changes.get(component.id)!, days: windows, startsAt, now });
    result.set(component.id, { ...uptime, incidentsByDay: incidentsByComponent.get(component.id)! });
  }
  return result;
}
