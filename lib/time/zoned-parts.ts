// The one place that asks the time-zone database: what a zone's wall clock reads at an instant,
// and how far ahead of UTC it is then. Every other time function (ISO strings, wall-time input,
// start of day, day and month keys, display) is arithmetic on these two answers.

/** What a zone's wall clock reads at an instant; `month` counts from 1, `hour` from 0 to 23. */
export type ZonedParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

type Field = keyof ZonedParts;

const FIELDS: ReadonlySet<string> = new Set<Field>(["year", "month", "day", "hour", "minute", "second"]);

function isField(type: string): type is Field {
  return FIELDS.has(type);
}

/** The kinds of formatter the time functions need, by what each is asked for. */
export const FORMATTER_STYLES = {
  /** Numbers only: what `partsInZone` reads. */
  parts: {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  },
  /** The zone's short name at an instant (`EDT`, `GMT+9`). */
  zoneName: { timeZoneName: "short" },
  /** A date and time as the locale writes it, with the zone's short name. */
  dateTime: {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  },
  /** A month and year as the locale writes it (`July 2024`). */
  month: { year: "numeric", month: "long" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type FormatterStyle = keyof typeof FORMATTER_STYLES;

// Building a formatter costs far more than using one (an import asks for thousands of days), so
// each zone's formatters are built once; only valid zones reach the map (others throw). The bound
// only matters if zones or locales ever come from visitors: a page uses a handful.
const MAX_FORMATTERS = 2000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The cached formatter of `style` for `timeZone` in `locale` (US English unless told). */
export function zoneFormatter(timeZone: string, style: FormatterStyle, locale = "en-US"): Intl.DateTimeFormat {
  const key = `${locale}|${style}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...FORMATTER_STYLES[style], timeZone });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** What the time-zone database says the wall clock reads at `ms` (one Intl call: the slow way). */
function askedParts(ms: number, timeZone: string): ZonedParts {
  const parts: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const { type, value } of zoneFormatter(timeZone, "parts").formatToParts(ms)) {
    if (isField(type)) parts[type] = Number(value);
  }
  return parts;
}

/**
 * Offsets already asked, by zone and second. Asking Intl costs microseconds an instant, which
 * added up to a fifth of the CPU time of an API list of incidents; the same instants (an
 * incident's start, its updates) come back on every request and render, and then cost nothing.
 * Every function here reads the offset once an instant: the wall clock is arithmetic on it.
 */
const MAX_OFFSETS_KEPT = 50_000;
const offsets = new Map<string, number>();

/**
 * How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds (EDT: -4 h). The
 * clock reads whole seconds, so the instant's own milliseconds are left out of the difference.
 */
export function offsetAt(instant: Date, timeZone: string): number {
  const second = Math.floor(instant.getTime() / 1000) * 1000;
  const key = `${timeZone}|${second}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = wallClockAsUtc(askedParts(second, timeZone)) - second;
    if (offsets.size >= MAX_OFFSETS_KEPT) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall-clock reading of `instant` in `timeZone`, to the second. */
export function partsInZone(instant: Date, timeZone: string): ZonedParts {
  const wall = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetAt(instant, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** The wall-clock reading as if it were a UTC instant, in milliseconds since the epoch. */
export function wallClockAsUtc(parts: ZonedParts): number {
  const utc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  // Date.UTC reads years 0 to 99 as 1900 to 1999.
  return parts.year >= 0 && parts.year < 100 ? new Date(utc).setUTCFullYear(parts.year) : utc;
}

/** `n` with leading zeros to `width` digits (the sign dropped: callers write their own). */
export function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, "0");
}

/** The calendar date of a wall-clock reading, as `YYYY-MM-DD`. */
export function calendarDay(parts: Pick<ZonedParts, "year" | "month" | "day">): string {
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** A `YYYY-MM-DD` calendar date as numbers (NaN where the text has none). */
export function parseCalendarDay(text: string): Pick<ZonedParts, "year" | "month" | "day"> {
  const [year = Number.NaN, month = Number.NaN, day = Number.NaN] = text.split("-").map(Number);
  return { year, month, day };
}
