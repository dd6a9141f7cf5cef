import { describe, expect, it } from "vitest";
import { parseWallTime, toWallTime } from "./wall-time.ts";

describe("parseWallTime", () => {
  it("reads a wall time in the page's zone, as the reference incident's first update is entered", () => {
    expect(parseWallTime("2024-07-11T16:01", "America/New_York")?.toISOString()).toBe("2024-07-11T20:01:00.000Z");
    expect(parseWallTime("2024-01-11T16:01", "America/New_York")?.toISOString()).toBe("2024-01-11T21:01:00.000Z");
    expect(parseWallTime("2024-07-11T16:01", "UTC")?.toISOString()).toBe("2024-07-11T16:01:00.000Z");
    expect(parseWallTime("2024-07-11T16:01", "Asia/Kolkata")?.toISOString()).toBe("2024-07-11T10:31:00.000Z");
  });

  it("takes the first of a repeated hour and the instant after a skipped one", () => {
    // New York: 01:30 happens twice on 2024-11-03 (EDT then EST), never on 2024-03-10.
    expect(parseWallTime("2024-11-03T01:30", "America/New_York")?.toISOString()).toBe("2024-11-03T05:30:00.000Z");
    expect(parseWallTime("2024-03-10T02:30", "America/New_York")?.toISOString()).toBe("2024-03-10T07:30:00.000Z");
  });

  it("refuses what is not a wall time", () => {
    for (const text of ["", "yesterday", "2024-02-30T10:00", "2024-07-11T24:00", "2024-07-11 16:01Z"]) {
      expect(parseWallTime(text, "UTC"), text).toBeNull();
    }
  });
});

describe("toWallTime", () => {
  it("is the inverse of parseWallTime", () => {
    const instant = new Date("2024-07-11T20:01:00Z");
    expect(toWallTime(instant, "America/New_York")).toBe("2024-07-11T16:01");
    expect(parseWallTime(toWallTime(instant, "Europe/Berlin"), "Europe/Berlin")).toEqual(instant);
  });
});
