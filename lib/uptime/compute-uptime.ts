import type { ComponentStatus } from "../domain.ts";

// Uptime from a component's status history, as Statuspage counts it: each change holds from its
// instant until the next; days are calendar days in the page's time zone; major outage counts
// fully and partial outage at PARTIAL_OUTAGE_WEIGHT; degraded performance and maintenance count as up.

/** How much a minute of partial outage counts as down, against a minute of major outage. */
export const PARTIAL_OUTAGE_WEIGHT = 0.3;

/** The downtime a span of outage counts for, in the unit its minutes are given in. */
export function weightedDowntime(outage: { majorMinutes: number; partialMinutes: number }): number {
  return outage.majorMinutes + PARTIAL_OUTAGE_WEIGHT * outage.partialMinutes;
}

export type StatusChange = { at: Date; status: ComponentStatus };
export type DayWindow = { day: string; start: Date; end: Date };

export type DayUptime = {
  day: string;
  /** Null before the component's start date, or for a day that has not begun. */
  worst: ComponentStatus | null;
  majorMinutes: number;
  partialMinutes: number;
  degradedMinutes: number;
  maintenanceMinutes: number;
};

export type UptimeResult = { days: DayUptime[]; uptimePercent: number | null };

/** Worst last: the order of a day's worst status. */
export const SEVERITY: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export function worseStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/**
 * @param changes the component's changes, oldest first, including the last one before the window
 * @param days consecutive day windows, oldest first
 * @param startsAt when the component's history starts counting (its start date's first instant)
 */
export function computeUptime(input: {
  changes: readonly StatusChange[];
  days: readonly DayWindow[];
  startsAt: Date;
  now: Date;
}): UptimeResult {
  const { changes, days, startsAt, now } = input;
  let index = 0;
  let current: ComponentStatus = "operational";
  let totalMinutes = 0;
  let downMinutes = 0;
  const result: DayUptime[] = [];

  for (const window of days) {
    const from = Math.max(window.start.getTime(), startsAt.getTime());
    const to = Math.min(window.end.getTime(), now.getTime());
    const day: DayUptime = {
      day: window.day,
      worst: null,
      majorMinutes: 0,
      partialMinutes: 0,
      degradedMinutes: 0,
      maintenanceMinutes: 0,
    };
    result.push(day);
    // Advance to the status in force at `from`.
    while (index < changes.length && changes[index]!.at.getTime() <= from) current = changes[index++]!.status;
    if (to <= from) continue;

    let cursor = from;
    let worst: ComponentStatus = current;
    const addSpan = (status: ComponentStatus, ms: number) => {
      const minutes = ms / 60_000;
      if (status === "major_outage") day.majorMinutes += minutes;
      else if (status === "partial_outage") day.partialMinutes += minutes;
      else if (status === "degraded_performance") day.degradedMinutes += minutes;
      else if (status === "under_maintenance") day.maintenanceMinutes += minutes;
    };
    while (index < changes.length && changes[index]!.at.getTime() < to) {
      const change = changes[index++]!;
      addSpan(current, change.at.getTime() - cursor);
      cursor = change.at.getTime();
      current = change.status;
      worst = worseStatus(worst, current);
    }
    addSpan(current, to - cursor);
    day.worst = worst;
    totalMinutes += (to - from) / 60_000;
    downMinutes += weightedDowntime(day);
  }

  for (const day of result) {
    day.majorMinutes = Math.round(day.majorMinutes);
    day.partialMinutes = Math.round(day.partialMinutes);
    day.degradedMinutes = Math.round(day.degradedMinutes);
    day.maintenanceMinutes = Math.round(day.maintenanceMinutes);
  }
  return { days: result, uptimePercent: totalMinutes > 0 ? 100 * (1 - downMinutes / totalMinutes) : null };
}

/** `99.97%`: two decimals, never rounded up to 100% while there was downtime. */
export function formatUptime(percent: number | null): string {
  if (percent === null) return "No data";
  const floored = Math.floor(percent * 100) / 100;
  return `${floored.toFixed(2)}%`;
}
