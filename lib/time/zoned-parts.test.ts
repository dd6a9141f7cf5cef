import { describe, expect, it } from "vitest";
import { addDays, dayKey, formatInstant, formatMonth } from "./format-instant.ts";
import { toIsoInZone } from "./iso-in-zone.ts";
import { parseWallTime, toWallTime } from "./wall-time.ts";
import { startOfDay } from "./zone.ts";
import { FORMATTER_STYLES, offsetAt, partsInZone } from "./zoned-parts.ts";

// Zones whose rules differ in kind: US and UK hour changes, a 30-minute change (Lord Howe),
// a quarter-hour offset (Kathmandu), a 45-minute one with changes (Chatham), and none (UTC).
const ZONES = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "UTC"];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The offset as the time-zone database names it (`GMT-04:00`), read apart from `partsInZone`. */
function namedOffsetMinutes(instant: Date, timeZone: string): number {
  const name =
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(instant)
      .find((part) => part.type === "timeZoneName")?.value ?? "";
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match) throw new Error(`unexpected offset name ${name}`);
  const [, sign, hours = "0", minutes = "0"] = match;
  return (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/** Every instant 7 minutes and 13 seconds apart for 6 hours either side of each change in 2024. */
function instantsAroundChanges(timeZone: string): Date[] {
  const instants: Date[] = [];
  const yearStart = Date.UTC(2024, 0, 1);
  for (let t = yearStart; t < Date.UTC(2025, 0, 1); t += HOUR) {
    if (namedOffsetMinutes(new Date(t), timeZone) === namedOffsetMinutes(new Date(t + HOUR), timeZone)) continue;
    for (let near = t - 6 * HOUR; near < t + 6 * HOUR; near += 7 * MINUTE + 13_000) instants.push(new Date(near + 417));
  }
  // And a plain day, so that zones without changes are swept too.
  for (let near = yearStart; near < yearStart + 24 * HOUR; near += 37 * MINUTE) instants.push(new Date(near));
  return instants;
}

describe.each(ZONES)("the zoned-time core across daylight-saving changes in %s", (timeZone) => {
  const instants = instantsAroundChanges(timeZone);

  it("gives the offset the time-zone database names, and ISO strings that parse back to the instant", () => {
    for (const instant of instants) {
      const offsetMinutes = namedOffsetMinutes(instant, timeZone);
      expect(offsetAt(instant, timeZone) / MINUTE, instant.toISOString()).toBe(offsetMinutes);
      const iso = toIsoInZone(instant, timeZone);
      expect(new Date(iso).getTime(), iso).toBe(instant.getTime());
      expect(iso.endsWith(offsetMinutes === 0 ? "Z" : `:${String(Math.abs(offsetMinutes) % 60).padStart(2, "0")}`), iso).toBe(
        true,
      );
    }
  });

  it("puts each instant inside the bounds of its own calendar day", () => {
    for (const instant of instants) {
      const day = dayKey(instant, timeZone);
      const start = startOfDay(day, timeZone);
      expect(start.getTime(), `${instant.toISOString()} ${day}`).toBeLessThanOrEqual(instant.getTime());
      expect(startOfDay(addDays(day, 1), timeZone).getTime()).toBeGreaterThan(instant.getTime());
      expect(dayKey(start, timeZone)).toBe(day);
      expect(dayKey(new Date(start.getTime() - 1), timeZone) < day).toBe(true);
    }
  });

  it("reads back a typed wall time as the first instant showing it, and shows the same clock everywhere", () => {
    for (const instant of instants) {
      const wall = toWallTime(instant, timeZone);
      const parsed = parseWallTime(wall, timeZone);
      expect(parsed && toWallTime(parsed, timeZone), wall).toBe(wall);
      expect(parsed?.getTime()).toBeLessThanOrEqual(instant.getTime());
      const parts = partsInZone(instant, timeZone);
      expect(formatInstant(instant, timeZone)).toContain(wall.slice(11));
      expect(toIsoInZone(instant, timeZone).slice(0, 16)).toBe(wall);
      expect(formatMonth(instant, timeZone)).toMatch(new RegExp(` ${parts.year}$`));
    }
  });
});

/** The wall clock as a formatter of this test's own reads it (not the cache `partsInZone` uses). */
function freshReader(timeZone: string) {
  const formatter = new Intl.DateTimeFormat("en-US", { ...FORMATTER_STYLES.parts, timeZone });
  return (instant: Date) => {
    const values = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
    return ["year", "month", "day", "hour", "minute", "second"].map((field) => Number(values[field]));
  };
}

const partsList = (instant: Date, timeZone: string) => {
  const parts = partsInZone(instant, timeZone);
  return [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second];
};

describe("the wall clock worked out from the offset", () => {
  // Zones whose changes are odd: negative summer time (Dublin), changes around Ramadan
  // (Casablanca), a half-hour zone with changes (St John's), a 45-minute one without (Eucla),
  // and offsets of minutes and seconds before standard time (Amsterdam, Kolkata in the 1900s).
  const zones = [
    ...ZONES,
    "Europe/Dublin",
    "Africa/Casablanca",
    "America/St_Johns",
    "Australia/Eucla",
    "Europe/Amsterdam",
    "Asia/Kolkata",
  ];

  it.each(zones)("reads what the time-zone database reads, at every minute around each change of 2024 in %s", (timeZone) => {
    const read = freshReader(timeZone);
    const offset = (t: number) => {
      const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = read(new Date(t));
      return Date.UTC(year, month - 1, day, hour, minute, second) - t;
    };
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += HOUR) {
      if (offset(t) === offset(t + HOUR)) continue;
      for (let near = t - HOUR; near <= t + 2 * HOUR; near += MINUTE) {
        const instant = new Date(near + 999);
        expect(partsList(instant, timeZone), instant.toISOString()).toEqual(read(instant));
      }
    }
  });

  it.each(zones)("reads what the time-zone database reads at instants spread over 1890 to 2100 in %s", (timeZone) => {
    const read = freshReader(timeZone);
    // A stride of a week and an odd number of seconds lands on every hour and minute over the years.
    for (let t = Date.UTC(1890, 0, 1); t < Date.UTC(2100, 0, 1); t += 7 * 24 * HOUR + 13_579_000) {
      const instant = new Date(t);
      expect(partsList(instant, timeZone), instant.toISOString()).toEqual(read(instant));
    }
  });
});

describe("formatInstant with a locale", () => {
  it("writes the locale's own words and keeps the 24-hour clock", () => {
    const instant = new Date("2024-07-11T20:01:00Z");
    expect(formatInstant(instant, "Europe/Berlin", "de-DE")).toContain("Juli 2024");
    expect(formatInstant(instant, "Europe/Berlin", "de-DE")).toContain("22:01");
    expect(formatMonth(instant, "Europe/Berlin", "de-DE")).toBe("Juli 2024");
    expect(formatInstant(instant, "Europe/Berlin")).toBe("Jul 11, 2024 - 22:01 CEST");
  });
});
