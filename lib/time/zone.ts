import { dayKey } from "./format-instant.ts";
import { offsetAt, parseCalendarDay, wallClockAsUtc } from "./zoned-parts.ts";

// Calendar arithmetic in an IANA time zone, correct across daylight-saving changes.

/** The zone's offset from UTC at `instant`, in milliseconds (EDT: -4 h). */
export const zoneOffsetMs: (instant: Date, timeZone: string) => number = offsetAt;

const dayStarts = new Map<string, Date>();

/**
 * The instant a calendar day (`YYYY-MM-DD`) begins in the zone: local midnight, or the first
 * instant of the day where a daylight-saving change skips midnight.
 */
export function startOfDay(day: string, timeZone: string): Date {
  const cacheKey = `${timeZone}|${day}`;
  const cached = dayStarts.get(cacheKey);
  if (cached) return new Date(cached);
  const start = computeStartOfDay(day, timeZone);
  if (dayStarts.size > 20_000) dayStarts.clear();
  dayStarts.set(cacheKey, start);
  return new Date(start);
}

function computeStartOfDay(day: string, timeZone: string): Date {
  const localMidnightAsUtc = wallClockAsUtc({ ...parseCalendarDay(day), hour: 0, minute: 0, second: 0 });
  // Two passes settle the offset in ordinary cases.
  let guess = localMidnightAsUtc - offsetAt(new Date(localMidnightAsUtc), timeZone);
  guess = localMidnightAsUtc - offsetAt(new Date(guess), timeZone);
  if (dayKey(new Date(guess), timeZone) === day && dayKey(new Date(guess - 60_000), timeZone) < day) return new Date(guess);
  // A day whose midnight a daylight-saving change skips: find its first minute near the guess.
  let lo = guess - 3 * 3_600_000; // before the day
  let hi = guess + 3 * 3_600_000; // within the day
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
    if (dayKey(new Date(mid), timeZone) >= day) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
