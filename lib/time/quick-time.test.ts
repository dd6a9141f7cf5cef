import { describe, expect, it } from "vitest";
import { parseQuickTime } from "./quick-time.ts";

const NY = "America/New_York";
const at = (iso: string, timeZone = NY) => ({ now: new Date(iso), timeZone });
const read = (text: string, options: { now: Date; timeZone: string }) => parseQuickTime(text, options)?.toISOString() ?? null;

describe("parseQuickTime", () => {
  it("reads a full wall time in the page's zone, with a space or a T", () => {
    const now = at("2026-11-30T21:00:00Z");
    expect(read("2024-07-11 16:01", now)).toBe("2024-07-11T20:01:00.000Z");
    expect(read("2024-07-11T16:01", now)).toBe("2024-07-11T20:01:00.000Z");
    expect(read("2024-01-11 9:05", now)).toBe("2024-01-11T14:05:00.000Z");
    expect(read("2024-07-11 16:01", at("2026-11-30T21:00:00Z", "Asia/Kolkata"))).toBe("2024-07-11T10:31:00.000Z");
  });

  it("reads `now` and relative times from the moment given", () => {
    const now = at("2024-07-11T20:30:00Z");
    expect(read("now", now)).toBe("2024-07-11T20:30:00.000Z");
    expect(read(" NOW ", now)).toBe("2024-07-11T20:30:00.000Z");
    expect(read("-15m", now)).toBe("2024-07-11T20:15:00.000Z");
    expect(read("- 15 min", now)).toBe("2024-07-11T20:15:00.000Z");
    expect(read("15 minutes ago", now)).toBe("2024-07-11T20:15:00.000Z");
    expect(read("-1h30m", now)).toBe("2024-07-11T19:00:00.000Z");
    expect(read("-2d", now)).toBe("2024-07-09T20:30:00.000Z");
    expect(read("+30m", now)).toBe("2024-07-11T21:00:00.000Z");
  });

  it("reads a clock time as today in the page's zone, not the server's or UTC's", () => {
    // 02:30 UTC on Jul 12 is still Jul 11 in New York (22:30 EDT).
    const lateEvening = at("2024-07-12T02:30:00Z");
    expect(read("16:01", lateEvening)).toBe("2024-07-11T20:01:00.000Z");
    expect(read("9:05", lateEvening)).toBe("2024-07-11T13:05:00.000Z");
    expect(read("yesterday 23:50", lateEvening)).toBe("2024-07-11T03:50:00.000Z");
    expect(read("16:01", at("2024-07-12T02:30:00Z", "UTC"))).toBe("2024-07-12T16:01:00.000Z");
  });

  it("is correct on daylight-saving days: skipped times move past the gap, repeated ones take the first", () => {
    // New York springs forward at 02:00 on 2024-03-10 and falls back at 02:00 on 2024-11-03.
    const springDay = at("2024-03-10T16:00:00Z");
    expect(read("01:59", springDay)).toBe("2024-03-10T06:59:00.000Z");
    expect(read("02:30", springDay)).toBe("2024-03-10T07:30:00.000Z");
    expect(read("03:00", springDay)).toBe("2024-03-10T07:00:00.000Z");
    const fallDay = at("2024-11-03T16:00:00Z");
    expect(read("01:30", fallDay)).toBe("2024-11-03T05:30:00.000Z");
    expect(read("03:00", fallDay)).toBe("2024-11-03T08:00:00.000Z");
    // Relative times are plain durations across the change: 60 real minutes.
    expect(read("-1h", at("2024-11-03T06:30:00Z"))).toBe("2024-11-03T05:30:00.000Z");
  });

  it("refuses what names no time", () => {
    const now = at("2024-07-11T20:30:00Z");
    for (const text of ["", "soon", "-15", "-15x", "25:00", "16:61", "2024-02-30 10:00", "+15m ago", "yesterday", "16:01Z"]) {
      expect(read(text, now), text).toBeNull();
    }
  });
});
