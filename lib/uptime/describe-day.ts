import type { UptimeDayDetail } from "./queries.ts";

function minutesText(minutes: number, what: string): string | null {
  if (minutes <= 0) return null;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const amount = [h ? `${h} h` : "", m || !h ? `${m} min` : ""].filter(Boolean).join(" ");
  return `${amount} ${what}`;
}

/**
 * A day's downtime in words: `20 min partial outage, 1 h degraded performance`, or `No downtime`.
 * Its incidents are told apart from this (`dayStory`), so that the day's details can list them as
 * links without naming them twice.
 */
export function describeDowntime(detail: UptimeDayDetail): string {
  const parts = [
    minutesText(detail.majorMinutes, "major outage"),
    minutesText(detail.partialMinutes, "partial outage"),
    minutesText(detail.degradedMinutes, "degraded performance"),
    minutesText(detail.maintenanceMinutes, "maintenance"),
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "No downtime";
}

/** A day's whole story in words: `20 min partial outage. Incidents: API errors; Slow logins`. */
export function dayStory(downtime: string, incidentNames: readonly string[]): string {
  return incidentNames.length ? `${downtime}. Incidents: ${incidentNames.join("; ")}` : downtime;
}

/** The downtime words for each day with anything to tell, by day index: what the uptime bars show. */
export function describeDays(details: ReadonlyMap<number, UptimeDayDetail>): Record<number, string> {
  const words: Record<number, string> = {};
  for (const [day, detail] of details) words[day] = describeDowntime(detail);
  return words;
}
