import { partsInZone } from "./zoned-parts.ts";

/**
 * The next full hour of the zone's wall clock after `now` (14:20 → 15:00; 14:00 → 15:00), found on
 * the real timeline so a daylight-saving change in between is counted once. Zones whose offset has
 * minutes (India, +05:30) get their own full hours, not UTC's.
 */
export function nextFullHour(now: Date, timeZone: string): Date {
  const parts = partsInZone(now, timeZone);
  const intoHour = (parts.minute * 60 + parts.second) * 1000 + (now.getTime() % 1000);
  return new Date(now.getTime() - intoHour + 3_600_000);
}
