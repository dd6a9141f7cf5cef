import { addDays, dayKey } from "./format-instant.ts";
import { parseWallTime } from "./wall-time.ts";

// Times typed quickly on a phone, read in the page's time zone: `now`, `-15m` (or `15m ago`,
// `-1h30m`, `-2d`), `16:01` (today), `yesterday 23:50`, and full wall times `2024-07-11 16:01`
// (a space or a `T` between date and time, as a datetime-local input sends them).

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const UNIT_WORDS: Record<string, keyof typeof UNIT_MS> = {
  m: "m",
  min: "m",
  mins: "m",
  minute: "m",
  minutes: "m",
  h: "h",
  hr: "h",
  hrs: "h",
  hour: "h",
  hours: "h",
  d: "d",
  day: "d",
  days: "d",
};
const AMOUNT = /(\d{1,4})\s*([a-z]+)/g;
const RELATIVE = /^(?:([-+])\s*)?((?:\d{1,4}\s*[a-z]+\s*)+?)(\s*ago)?$/;
const CLOCK = /^(\d{1,2}):(\d{2})$/;

/** Milliseconds of a span such as `1h30m` or `90 min`, or null when a unit is unknown. */
function spanMs(text: string): number | null {
  let total = 0;
  let rest = text.replace(/\s+/g, "");
  for (const [whole, amount, unit] of text.replace(/\s+/g, "").matchAll(AMOUNT)) {
    const known = UNIT_WORDS[unit ?? ""];
    if (!known) return null;
    total += Number(amount) * UNIT_MS[known];
    rest = rest.replace(whole, "");
  }
  return rest === "" ? total : null;
}

/** `16:01` on the calendar day `day` in the zone, or null when the clock is not one. */
function clockOn(day: string, clock: string, timeZone: string): Date | null {
  const m = CLOCK.exec(clock);
  if (!m) return null;
  return parseWallTime(`${day}T${m[1]!.padStart(2, "0")}:${m[2]}`, timeZone);
}

/**
 * The instant `text` names, typed in `timeZone` at `now`, or null when it names none. A clock time
 * alone is today's, in the zone (not the server's); relative times count back from `now` (forward
 * with `+`). A wall time skipped by a daylight-saving jump is the instant after the jump, and a
 * repeated one its first occurrence (lib/time/wall-time.ts).
 */
export function parseQuickTime(text: string, options: { now: Date; timeZone: string }): Date | null {
  const typed = text.trim().toLowerCase();
  const { now, timeZone } = options;
  if (typed === "now") return new Date(now);
  const relative = RELATIVE.exec(typed);
  if (relative && (relative[1] || relative[3])) {
    const ms = spanMs(relative[2]!);
    if (ms === null || (relative[1] === "+" && relative[3])) return null;
    return new Date(now.getTime() + (relative[1] === "+" ? ms : -ms));
  }
  const today = dayKey(now, timeZone);
  if (CLOCK.test(typed)) return clockOn(today, typed, timeZone);
  const yesterday = /^yesterday\s+(.+)$/.exec(typed);
  if (yesterday) return clockOn(addDays(today, -1), yesterday[1]!, timeZone);
  const wall = /^(\d{4}-\d{2}-\d{2})[t\s]+(\d{1,2}:\d{2}(?::\d{2})?)$/.exec(typed);
  if (wall) {
    const [hour, rest] = [wall[2]!.split(":")[0]!, wall[2]!.split(":").slice(1).join(":")];
    return parseWallTime(`${wall[1]}T${hour.padStart(2, "0")}:${rest}`, timeZone);
  }
  return null;
}
