import { calendarDay, pad, parseCalendarDay, partsInZone, zoneFormatter } from "./zoned-parts.ts";

// Instants are stored in UTC and shown in the page's time zone, as `Jul 19, 2024 - 11:57 EDT`.
// Without a locale, every function here writes that US English form (the one the pages use);
// with one, the locale's own words and order (`Intl`), for pages in other languages.

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `Jul`: US English abbreviates every month to its first three letters. */
const shortMonth = (month: number) => (MONTHS[month - 1] ?? "").slice(0, 3);

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    zoneFormatter(timeZone, "parts");
    return true;
  } catch {
    return false;
  }
}

function zoneNameIn(instant: Date, timeZone: string, locale: string): string | undefined {
  return zoneFormatter(timeZone, "zoneName", locale)
    .formatToParts(instant)
    .find((part) => part.type === "timeZoneName")?.value;
}

// US English names only North American zones (EDT, PST); other English locales know their own
// (CEST, BST, IST, AEST, SGT, SAST). Where none has a name, the offset (GMT+9) stays.
const ABBREVIATION_LOCALES = ["en-GB", "en-AU", "en-IN", "en-SG", "en-ZA", "en-NZ"];
const abbreviations = new Map<string, string>();

export function zoneAbbreviation(instant: Date, timeZone: string): string {
  const usName = zoneNameIn(instant, timeZone, "en-US") ?? "";
  if (!/^GMT[+-]/.test(usName)) return usName;
  const cacheKey = `${timeZone} ${usName}`;
  let name = abbreviations.get(cacheKey);
  if (name === undefined) {
    name = usName;
    for (const locale of ABBREVIATION_LOCALES) {
      const candidate = zoneNameIn(instant, timeZone, locale);
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

/**
 * `Jul 19, 2024 - 11:57 EDT`: 24-hour time and the zone's abbreviation at that instant. With a
 * `locale`, the date and time as that locale writes them, still 24-hour and with the zone's name.
 */
export function formatInstant(instant: Date, timeZone: string, locale?: string): string {
  const key = `${locale ?? ""}|${timeZone}|${instant.getTime()}`;
  let words = formattedInstants.get(key);
  if (words === undefined) {
    words = locale ? zoneFormatter(timeZone, "dateTime", locale).format(instant) : usInstant(instant, timeZone);
    if (formattedInstants.size >= MAX_FORMATTED_KEPT) formattedInstants.clear();
    formattedInstants.set(key, words);
  }
  return words;
}

function usInstant(instant: Date, timeZone: string): string {
  const parts = partsInZone(instant, timeZone);
  const date = `${shortMonth(parts.month)} ${parts.day}, ${parts.year}`;
  return `${date} - ${pad(parts.hour)}:${pad(parts.minute)} ${zoneAbbreviation(instant, timeZone)}`;
}

/** `July 2024`, the calendar month of an instant in the time zone (in `locale`'s words if given). */
export function formatMonth(instant: Date, timeZone: string, locale?: string): string {
  if (locale) return zoneFormatter(timeZone, "month", locale).format(instant);
  const parts = partsInZone(instant, timeZone);
  return `${MONTHS[parts.month - 1]} ${parts.year}`;
}

/** The calendar day of an instant in a time zone, as `YYYY-MM-DD`. */
export function dayKey(instant: Date, timeZone: string): string {
  return calendarDay(partsInZone(instant, timeZone));
}

/** The calendar day `count` days after `day` (before it when negative), both `YYYY-MM-DD`. */
export function addDays(day: string, count: number): string {
  const { year, month, day: date } = parseCalendarDay(day);
  return new Date(Date.UTC(year, month - 1, date + count)).toISOString().slice(0, 10);
}

/** The `count` calendar days ending with `lastDay` (`YYYY-MM-DD`), newest first. */
export function daysBackFrom(lastDay: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(lastDay, -i));
}

/** `Nov 28, 2026` for a `YYYY-MM-DD` calendar day. */
export function formatDayKey(day: string): string {
  const { year, month, day: date } = parseCalendarDay(day);
  return `${shortMonth(month)} ${date}, ${year}`;
}
