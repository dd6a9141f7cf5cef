import { describe, expect, it } from "vitest";
import { nextFullHour } from "./next-full-hour.ts";

describe("nextFullHour", () => {
  it("rounds up to the zone's next full hour", () => {
    expect(nextFullHour(new Date("2024-07-11T20:20:30.500Z"), "America/New_York").toISOString()).toBe("2024-07-11T21:00:00.000Z");
    expect(nextFullHour(new Date("2024-07-11T20:00:00Z"), "UTC").toISOString()).toBe("2024-07-11T21:00:00.000Z");
    // Kolkata is UTC+05:30: its full hours fall on UTC half hours.
    expect(nextFullHour(new Date("2024-07-11T10:40:00Z"), "Asia/Kolkata").toISOString()).toBe("2024-07-11T11:30:00.000Z");
  });

  it("counts a daylight-saving change once", () => {
    // New York, 2024-03-10 01:30 EST: the next full hour is 03:00 EDT, one real hour later would be 03:30.
    expect(nextFullHour(new Date("2024-03-10T06:30:00Z"), "America/New_York").toISOString()).toBe("2024-03-10T07:00:00.000Z");
  });
});
