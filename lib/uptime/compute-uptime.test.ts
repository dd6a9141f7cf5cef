import { describe, expect, it } from "vitest";
import { startOfDay } from "../time/zone.ts";
import { computeUptime, type DayWindow, formatUptime } from "./compute-uptime.ts";

const tz = "America/New_York";
function windows(days: string[]): DayWindow[] {
  return days.map((day, i) => ({
    day,
    start: startOfDay(day, tz),
    end: i + 1 < days.length ? startOfDay(days[i + 1]!, tz) : new Date(startOfDay(day, tz).getTime() + 86_400_000),
  }));
}
const at = (iso: string) => new Date(iso);

describe("computeUptime", () => {
  it("counts the reference incident's 45 minutes of partial outage on its day in New York", () => {
    const result = computeUptime({
      changes: [
        { at: at("2024-01-01T05:00:00Z"), status: "operational" },
        { at: at("2024-07-11T20:01:00Z"), status: "partial_outage" },
        { at: at("2024-07-11T20:46:00Z"), status: "operational" },
      ],
      days: windows(["2024-07-10", "2024-07-11", "2024-07-12"]),
      startsAt: at("2024-01-01T05:00:00Z"),
      now: at("2024-07-13T04:00:00Z"),
    });
    expect(result.days.map((d) => [d.day, d.worst, d.partialMinutes])).toEqual([
      ["2024-07-10", "operational", 0],
      ["2024-07-11", "partial_outage", 45],
      ["2024-07-12", "operational", 0],
    ]);
    // 3 days = 4320 minutes; 45 partial minutes count 0.3 each.
    expect(result.uptimePercent).toBeCloseTo(100 * (1 - (0.3 * 45) / 4320), 10);
    expect(formatUptime(result.uptimePercent)).toBe("99.68%");
  });

  it("splits an outage across local midnight, not UTC midnight", () => {
    const result = computeUptime({
      changes: [
        { at: at("2024-07-12T03:30:00Z"), status: "major_outage" }, // 23:30 EDT on the 11th
        { at: at("2024-07-12T04:30:00Z"), status: "operational" }, // 00:30 EDT on the 12th
      ],
      days: windows(["2024-07-11", "2024-07-12"]),
      startsAt: at("2024-01-01T05:00:00Z"),
      now: at("2024-07-13T04:00:00Z"),
    });
    expect(result.days.map((d) => [d.worst, d.majorMinutes])).toEqual([
      ["major_outage", 30],
      ["major_outage", 30],
    ]);
  });

  it("counts a 25-hour daylight-saving day in full", () => {
    const result = computeUptime({
      changes: [{ at: at("2024-11-03T04:00:00Z"), status: "major_outage" }],
      days: windows(["2024-11-03", "2024-11-04"]),
      startsAt: at("2024-01-01T05:00:00Z"),
      now: at("2024-11-04T05:00:00Z"),
    });
    expect(result.days[0]!.majorMinutes).toBe(25 * 60);
    expect(result.uptimePercent).toBe(0);
  });

  it("shows days before the start date as no data, and does not count them", () => {
    const result = computeUptime({
      changes: [{ at: at("2024-07-11T04:00:00Z"), status: "operational" }],
      days: windows(["2024-07-10", "2024-07-11"]),
      startsAt: at("2024-07-11T04:00:00Z"),
      now: at("2024-07-12T04:00:00Z"),
    });
    expect(result.days.map((d) => d.worst)).toEqual([null, "operational"]);
    expect(result.uptimePercent).toBe(100);
  });

  it("counts degraded performance and maintenance as up, but colours the day", () => {
    const result = computeUptime({
      changes: [
        { at: at("2024-07-11T12:00:00Z"), status: "degraded_performance" },
        { at: at("2024-07-11T13:00:00Z"), status: "under_maintenance" },
        { at: at("2024-07-11T14:00:00Z"), status: "operational" },
      ],
      days: windows(["2024-07-11"]),
      startsAt: at("2024-01-01T05:00:00Z"),
      now: at("2024-07-12T04:00:00Z"),
    });
    expect(result.days[0]).toMatchObject({ worst: "degraded_performance", degradedMinutes: 60, maintenanceMinutes: 60 });
    expect(result.uptimePercent).toBe(100);
  });

  it("counts today only up to now", () => {
    const result = computeUptime({
      changes: [{ at: at("2024-07-11T04:00:00Z"), status: "major_outage" }],
      days: windows(["2024-07-11"]),
      startsAt: at("2024-01-01T05:00:00Z"),
      now: at("2024-07-11T05:00:00Z"),
    });
    expect(result.days[0]!.majorMinutes).toBe(60);
    expect(formatUptime(result.uptimePercent)).toBe("0.00%");
  });

  it("never shows 100% while there was any downtime", () => {
    expect(formatUptime(99.9999)).toBe("99.99%");
    expect(formatUptime(100)).toBe("100.00%");
    expect(formatUptime(null)).toBe("No data");
  });
});
