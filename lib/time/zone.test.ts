import { describe, expect, it } from "vitest";
import { startOfDay, zoneOffsetMs } from "./zone.ts";

const hours = (ms: number) => ms / 3_600_000;

describe("zoneOffsetMs", () => {
  it("knows EDT, EST, IST and UTC", () => {
    expect(hours(zoneOffsetMs(new Date("2024-07-11T20:01:00Z"), "America/New_York"))).toBe(-4);
    expect(hours(zoneOffsetMs(new Date("2024-01-11T20:01:00Z"), "America/New_York"))).toBe(-5);
    expect(hours(zoneOffsetMs(new Date("2024-01-11T20:01:00Z"), "Asia/Kolkata"))).toBe(5.5);
    expect(zoneOffsetMs(new Date("2024-01-11T20:01:00Z"), "UTC")).toBe(0);
  });
});

describe("startOfDay", () => {
  it("is local midnight", () => {
    expect(startOfDay("2024-07-11", "America/New_York").toISOString()).toBe("2024-07-11T04:00:00.000Z");
    expect(startOfDay("2024-01-11", "America/New_York").toISOString()).toBe("2024-01-11T05:00:00.000Z");
    expect(startOfDay("2024-07-12", "Asia/Kolkata").toISOString()).toBe("2024-07-11T18:30:00.000Z");
    expect(startOfDay("2024-07-12", "Pacific/Auckland").toISOString()).toBe("2024-07-11T12:00:00.000Z");
  });

  it("makes daylight-saving days 23 and 25 hours long", () => {
    const tz = "America/New_York";
    expect(hours(startOfDay("2024-03-11", tz).getTime() - startOfDay("2024-03-10", tz).getTime())).toBe(23);
    expect(hours(startOfDay("2024-11-04", tz).getTime() - startOfDay("2024-11-03", tz).getTime())).toBe(25);
    const berlin = "Europe/Berlin";
    expect(hours(startOfDay("2024-03-31", berlin).getTime() - startOfDay("2024-03-30", berlin).getTime())).toBe(24);
    expect(hours(startOfDay("2024-04-01", berlin).getTime() - startOfDay("2024-03-31", berlin).getTime())).toBe(23);
  });

  it("starts a day whose midnight is skipped at the change itself", () => {
    // Santiago springs forward at 00:00 → 01:00 on 2024-09-08 (UTC-4 → UTC-3).
    expect(startOfDay("2024-09-08", "America/Santiago").toISOString()).toBe("2024-09-08T04:00:00.000Z");
    expect(startOfDay("2024-09-09", "America/Santiago").toISOString()).toBe("2024-09-09T03:00:00.000Z");
  });
});
