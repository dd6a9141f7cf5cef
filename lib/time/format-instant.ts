// Instants are stored in UTC and shown in the page's time zone, as `Jul 19, 2024 - 11:57 EDT`.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function parts(instant: Date, timeZone: string) {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) out[p.type] = p.value;
  return out;
}

// US English names only North American zones (EDT, PST); other English locales know their own
// (CEST, BST, IST, AEST, SGT, SAST). Where none has a name, the offset (GMT+9) stays.
const ABBREVIATION_LOCALES = ["en-GB", "en-AU", "en-IN", "en-SG", "en-ZA", "en-NZ"];
const abbreviations = new Map<string, string>();

function zoneAbbreviation(instant: Date, timeZone: string, usName: string): string {
  if (!/^GMT[+-]/.test(usName)) return usName;
  const cacheKey = `${timeZone} ${usName}`;
  let name = abbreviations.get(cacheKey);
  if (name === undefined) {
    name = usName;
    for (const locale of ABBREVIATION_LOCALES) {
      const candidate = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
        .formatToParts(instant)
        .find((p) => p.type === "timeZoneName")?.value;
      if (candidate && /^[A-Z]{2,5}$/.test(candidate)) {
        name = candidate;
        break;
      }
    }
    abbreviations.set(cacheKey, name);
  }
  return name;
}

// A page of updates formats hundreds of instants, the same ones on every render; formatting with
// the time zone's rules is what costs, so the words of recent instants are kept.
const MAX_FORMATTED_KEPT = 5000;
const formattedInstants = new Map<string, string>();

/** `Jul 19, 2024 - 11:57 EDT`: 24-hour time and the zone's abbreviation at that instant. */
export function formatInstant(instant: Date, timeZone: string): string {
  const key = `${timeZone}|${instant.getTime()}`;
  let words = formattedInstants.get(key);
  if (words === undefined) {
    const p = parts(instant, timeZone);
    words = `${p.month} ${p.day}, ${p.year} - ${p.hour}:${p.minute} ${zoneAbbreviation(instant, timeZone, p.timeZoneName!)}`;
    if (formattedInstants.size >= MAX_FORMATTED_KEPT) formattedInstants.clear();
    formattedInstants.set(key, words);
  }
  return words;
}

/** `Jul 19, 2024`, the calendar date in the time zone. */
export function formatDate(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.month} ${p.day}, ${p.year}`;
}

/** `11:57 EDT`. */
export function formatTime(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.hour}:${p.minute} ${zoneAbbreviation(instant, timeZone, p.timeZoneName!)}`;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, as `YYYY-MM-DD`. */
export function dayKey(instant: Date, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    // Building a formatter costs far more than using one (an import calls this per component).
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, f);
  }
  return f.format(instant);
}

/** The `count` calendar days ending with `lastDay` (`YYYY-MM-DD`), newest first. */
export function daysBackFrom(lastDay: string, count: number): string[] {
  const [y, m, d] = lastDay.split("-").map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - 1, d - i)).toISOString().slice(0, 10));
}

/** `Nov 28, 2026` for a `YYYY-MM-DD` calendar day. */
export function formatDayKey(day: string): string {
  return formatDate(new Date(`${day}T12:00:00Z`), "UTC");
}
