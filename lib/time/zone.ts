// Calendar arithmetic in an IANA time zone, correct across daylight-saving changes.

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `instant`, in milliseconds (EDT: -4 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

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
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const localMidnightAsUtc = Date.UTC(y, m - 1, d);
  // Two passes settle the offset in ordinary cases.
  let guess = localMidnightAsUtc - zoneOffsetMs(new Date(localMidnightAsUtc), timeZone);
  guess = localMidnightAsUtc - zoneOffsetMs(new Date(guess), timeZone);
  if (dayOf(new Date(guess), timeZone) === day && dayOf(new Date(guess - 60_000), timeZone) < day) return new Date(guess);
  // A day whose midnight a daylight-saving change skips: find its first minute near the guess.
  let lo = guess - 3 * 3_600_000; // before the day
  let hi = guess + 3 * 3_600_000; // within the day
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
    if (dayOf(new Date(mid), timeZone) >= day) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

function dayOf(instant: Date, timeZone: string): string {
  const p: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) p[part.type] = part.value;
  return `${p.year}-${p.month!.padStart(2, "0")}-${p.day!.padStart(2, "0")}`;
}
