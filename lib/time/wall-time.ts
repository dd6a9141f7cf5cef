import { isYearInBounds } from "./bounds.ts";
import { calendarDay, offsetAt, pad, partsInZone } from "./zoned-parts.ts";

// Staff type times as they read them on the page: wall-clock time in the page's time zone
// (`<input type="datetime-local">` gives `2024-07-11T16:01`). These convert between that and instants.

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock time in `timeZone` names, or null when the text is not one. A time
 * skipped by a daylight-saving jump resolves to the instant after the jump; a repeated one to
 * its first occurrence.
 */
export function parseWallTime(text: string, timeZone: string): Date | null {
  const m = WALL_TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (!isYearInBounds(y)) return null;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // Try the offsets in force a day either side: one of them names this wall time.
  const before = offsetAt(new Date(asUtc - 86_400_000), timeZone);
  const after = offsetAt(new Date(asUtc + 86_400_000), timeZone);
  const candidates = [before, after]
    .map((offset) => asUtc - offset)
    .filter((t) => offsetAt(new Date(t), timeZone) === asUtc - t)
    .sort((a, b) => a - b);
  // None does when a jump forward skipped it: take the instant just after the gap.
  return new Date(candidates[0] ?? asUtc - before);
}

/** `2024-07-11T16:01`: the instant as the value of a datetime-local input in `timeZone`. */
export function toWallTime(instant: Date, timeZone: string): string {
  const parts = partsInZone(instant, timeZone);
  return `${calendarDay(parts)}T${pad(parts.hour)}:${pad(parts.minute)}`;
}
