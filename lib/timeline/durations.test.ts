import { describe, expect, it } from "vitest";
import { computeTimelineDurations, formatDuration } from "./durations.ts";

const reference = [
  { at: new Date("2024-07-11T20:01:00Z"), kind: "started" as const },
  { at: new Date("2024-07-11T20:28:00Z"), kind: "acknowledged" as const },
  { at: new Date("2024-07-11T20:33:00Z"), kind: "mitigated" as const },
  { at: new Date("2024-07-11T20:47:00Z"), kind: "resolved" as const },
  { at: new Date("2024-07-12T00:31:00Z"), kind: "fixed" as const },
];

describe("computeTimelineDurations", () => {
  it("gives the reference incident's 27 m, 32 m, 46 m and 4 h 30 m", () => {
    const d = computeTimelineDurations(reference, new Date("2024-07-11T20:00:00Z"));
    expect(d).toEqual({ timeToAcknowledge: 27, timeToMitigate: 32, impactDuration: 46, timeToPermanentFix: 270 });
    expect([d.timeToAcknowledge, d.timeToMitigate, d.impactDuration, d.timeToPermanentFix].map(formatDuration)).toEqual([
      "27 m",
      "32 m",
      "46 m",
      "4 h 30 m",
    ]);
  });

  it("measures from the incident's start when no started event exists", () => {
    const d = computeTimelineDurations(reference.slice(1), new Date("2024-07-11T20:00:00Z"));
    expect(d.timeToAcknowledge).toBe(28);
  });

  it("reports a missing milestone as not recorded, never zero", () => {
    const d = computeTimelineDurations(reference.slice(0, 2), new Date("2024-07-11T20:01:00Z"));
    expect(d.timeToMitigate).toBeNull();
    expect(formatDuration(d.timeToPermanentFix)).toBe("not recorded");
  });

  it("uses the first event of a kind whatever the order given", () => {
    const events = [
      { at: new Date("2024-07-11T21:00:00Z"), kind: "acknowledged" as const },
      { at: new Date("2024-07-11T20:10:00Z"), kind: "acknowledged" as const },
    ];
    expect(computeTimelineDurations(events, new Date("2024-07-11T20:00:00Z")).timeToAcknowledge).toBe(10);
  });
});

describe("formatDuration", () => {
  it("writes hours and days without a zero part", () => {
    expect(formatDuration(0)).toBe("0 m");
    expect(formatDuration(60)).toBe("1 h");
    expect(formatDuration(1440 + 180)).toBe("1 d 3 h");
  });
});
