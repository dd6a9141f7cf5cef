import type { ComponentStatus } from "../domain.ts";
import type { DayUptime } from "./compute-uptime.ts";

const CELL: Record<ComponentStatus, string> = {
  operational: "o",
  under_maintenance: "m",
  degraded_performance: "d",
  partial_outage: "p",
  major_outage: "M",
};

function minutesText(minutes: number, what: string): string | null {
  if (minutes <= 0) return null;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const amount = [h ? `${h} h` : "", m || !h ? `${m} min` : ""].filter(Boolean).join(" ");
  return `${amount} ${what}`;
}

/** The uptime bars' compact form: a letter per day, and words for the days with anything to tell. */
export function encodeUptimeDays(
  days: readonly DayUptime[],
  incidentsByDay: readonly string[][],
): { cells: string; details: Record<number, string> } {
  let cells = "";
  const details: Record<number, string> = {};
  days.forEach((day, i) => {
    cells += day.worst ? CELL[day.worst] : "-";
    const parts = [
      minutesText(day.majorMinutes, "major outage"),
      minutesText(day.partialMinutes, "partial outage"),
      minutesText(day.degradedMinutes, "degraded performance"),
      minutesText(day.maintenanceMinutes, "maintenance"),
    ].filter(Boolean);
    const incidents = incidentsByDay[i] ?? [];
    if (parts.length || incidents.length) {
      details[i] = [
        parts.length ? parts.join(", ") : "No downtime",
        ...(incidents.length ? [`Incidents: ${incidents.join("; ")}`] : []),
      ].join(". ");
    }
  });
  return { cells, details };
}
