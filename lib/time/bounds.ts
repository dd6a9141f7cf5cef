// Every date staff or an import can enter lies in these years. Beyond them, PostgreSQL stores
// instants that JavaScript reads back as Invalid Date (year 10000), and formatting one throws;
// and a year typed as `0099` must not quietly become 1999 (Date.UTC's two-digit-year rule).

export const EARLIEST_YEAR = 1970;
export const LATEST_YEAR = 2100;

const EARLIEST_MS = Date.UTC(EARLIEST_YEAR, 0, 1) - 14 * 3_600_000;
const LATEST_MS = Date.UTC(LATEST_YEAR + 1, 0, 1) + 14 * 3_600_000;

export const DATE_BOUNDS_MESSAGE = `Enter a date between ${EARLIEST_YEAR} and ${LATEST_YEAR}.`;

/** A calendar year staff may type. */
export function isYearInBounds(year: number): boolean {
  return Number.isInteger(year) && year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/** A valid instant within the years (with a day's slack for time zones at either end). */
export function isInstantInBounds(instant: Date): boolean {
  const ms = instant.getTime();
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS;
}

const reportedUnreadable = new Set<string>();

/**
 * Whether a stored instant can be shown. One stored out of bounds before they were checked reads
 * back as Invalid Date, and formatting it throws: the item it belongs to is shown without it (or
 * left out), and that is logged once per item, not at every render.
 */
export function isReadableInstant(instant: Date | null, where: string): boolean {
  if (instant === null || Number.isFinite(instant.getTime())) return true;
  if (!reportedUnreadable.has(where)) {
    if (reportedUnreadable.size >= 1000) reportedUnreadable.clear();
    reportedUnreadable.add(where);
    console.error(`${where} has a stored date that cannot be read (outside ${EARLIEST_YEAR}–${LATEST_YEAR}); shown without it.`);
  }
  return false;
}

/** The instant, or null when it cannot be shown (see isReadableInstant). */
export function readableOrNull(instant: Date | null, where: string): Date | null {
  return isReadableInstant(instant, where) ? instant : null;
}
