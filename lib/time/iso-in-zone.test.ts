import { describe, expect, it } from "vitest";
import { toIsoInZone, toIsoInZoneOrNull } from "./iso-in-zone.ts";

describe("toIsoInZone", () => {
  it("writes Discord's payload instant exactly as Statuspage did (America/Tijuana, PST)", () => {
    expect(toIsoInZone(new Date("2022-02-15T21:37:37.407Z"), "America/Tijuana")).toBe("2022-02-15T13:37:37.407-08:00");
  });

  it("writes UTC pages with Z, as GitHub's payload does", () => {
    expect(toIsoInZone(new Date("2024-09-17T08:08:17.044Z"), "Etc/UTC")).toBe("2024-09-17T08:08:17.044Z");
    expect(toIsoInZone(new Date("2024-09-17T08:08:17Z"), "UTC")).toBe("2024-09-17T08:08:17.000Z");
  });

  it("switches offset at the spring-forward edge (America/New_York, Mar 10 2024 07:00 UTC)", () => {
    expect(toIsoInZone(new Date("2024-03-10T06:59:59.999Z"), "America/New_York")).toBe("2024-03-10T01:59:59.999-05:00");
    expect(toIsoInZone(new Date("2024-03-10T07:00:00.000Z"), "America/New_York")).toBe("2024-03-10T03:00:00.000-04:00");
  });

  it("gives both 01:30s their own offset at the fall-back edge (Nov 3 2024)", () => {
    expect(toIsoInZone(new Date("2024-11-03T05:30:00.000Z"), "America/New_York")).toBe("2024-11-03T01:30:00.000-04:00");
    expect(toIsoInZone(new Date("2024-11-03T06:30:00.000Z"), "America/New_York")).toBe("2024-11-03T01:30:00.000-05:00");
  });

  it("handles half-hour and positive offsets and a date change across midnight", () => {
    expect(toIsoInZone(new Date("2024-01-01T20:00:00.005Z"), "Asia/Kolkata")).toBe("2024-01-02T01:30:00.005+05:30");
    expect(toIsoInZone(new Date("2024-06-30T23:15:00.000Z"), "Europe/Berlin")).toBe("2024-07-01T01:15:00.000+02:00");
    expect(toIsoInZone(new Date("2024-12-31T23:15:00.000Z"), "Europe/Berlin")).toBe("2025-01-01T00:15:00.000+01:00");
    expect(toIsoInZone(new Date("2024-04-07T02:59:00.000Z"), "Asia/Kathmandu")).toBe("2024-04-07T08:44:00.000+05:45");
  });

  it("round-trips: the string parses back to the same instant", () => {
    const instant = new Date("2024-11-03T06:30:12.345Z");
    for (const zone of ["America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "UTC"]) {
      expect(new Date(toIsoInZone(instant, zone)).getTime()).toBe(instant.getTime());
    }
  });

  it("shows midnight as 00, not 24", () => {
    expect(toIsoInZone(new Date("2024-05-01T04:00:00.000Z"), "America/New_York")).toBe("2024-05-01T00:00:00.000-04:00");
  });

  it("passes null through", () => {
    expect(toIsoInZoneOrNull(null, "UTC")).toBeNull();
  });
});
