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
    db.componentStatusChange.findMany({
      where: { componentId: { in: ids }, at: { gt: from, lte: now } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { componentId: true, at: true, status: true },
    }),
    db.incident.findMany({
      where: {
        kind: "incident",
        components: { some: { componentId: { in: ids } } },
        startedAt: { lt: now },
        OR: [{ resolvedAt: null }, { resolvedAt: { gte: from } }],
      },
      select: { name: true, startedAt: true, resolvedAt: true, components: { select: { componentId: true } } },
      orderBy: { startedAt: "asc" },
    }),
  ]);

  const changes = new Map<string, StatusChange[]>(ids.map((id) => [id, []]));
  for (const row of before) changes.get(row.componentId)!.push({ at: row.at, status: row.status });
  for (const row of within) changes.get(row.componentId)!.push({ at: row.at, status: row.status });

  for (const component of components) {
    const startsAt = startOfDay(component.startDate.toISOString().slice(0, 10), timeZone);
    const uptime = computeUptime({ changes: changes.get(component.id)!, days: windows, startsAt, now });
    const incidentsByDay = windows.map((w) =>
      incidents
        .filter(
          (i) =>
            i.components.some((c) => c.componentId === component.id) && i.startedAt < w.end && (i.resolvedAt ?? now) >= w.start,
        )
        .map((i) => i.name),
    );
    result.set(component.id, { ...uptime, incidentsByDay });
  }
  return result;
}
