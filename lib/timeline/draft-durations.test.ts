import { describe, expect, it } from "vitest";
import { computeDraftDurations } from "./draft-durations.ts";
import { computeTimelineDurations } from "./durations.ts";

const at = (iso: string) => new Date(iso);
// The reference incident (WorkOS AuthKit, 2024-07-11: tests/fixtures/reference), on a page in New York.
const saved = [
  { id: "s", at: at("2024-07-11T20:01:00Z"), kind: "started" as const },
  { id: "a", at: at("2024-07-11T20:28:00Z"), kind: "acknowledged" as const },
  { id: "m", at: at("2024-07-11T20:33:00Z"), kind: "mitigated" as const },
  { id: "r", at: at("2024-07-11T20:47:00Z"), kind: "resolved" as const },
  { id: "f", at: at("2024-07-12T00:31:00Z"), kind: "fixed" as const },
];
const base = { saved, incidentStartedAt: at("2024-07-11T20:01:00Z"), timeZone: "America/New_York" };

describe("computeDraftDurations", () => {
  it("gives the saved durations while the forms hold what is saved", () => {
    const drafts = { a: { at: "2024-07-11T16:28", kind: "acknowledged" } };
    expect(computeDraftDurations({ ...base, drafts })).toEqual(computeTimelineDurations(saved, base.incidentStartedAt));
  });

  it("reads a typed time in the page's time zone: 16:40 EDT is 39 minutes after the 20:01 UTC start", () => {
    const drafts = { a: { at: "2024-07-11T16:40", kind: "acknowledged" } };
    expect(computeDraftDurations({ ...base, drafts }).timeToAcknowledge).toBe(39);
  });

  it("follows a changed kind, and an event not added yet", () => {
    const drafts = { m: { at: "2024-07-11T16:33", kind: "other" } };
    const added = { at: "2024-07-11T16:05", kind: "acknowledged" };
    expect(computeDraftDurations({ ...base, drafts, added })).toMatchObject({ timeToAcknowledge: 4, timeToMitigate: null });
  });

  it("counts an unfinished time as saved, and ignores a new event without a time", () => {
    const drafts = { a: { at: "2024-07-11T", kind: "acknowledged" } };
    const added = { at: "", kind: "fixed" };
    expect(computeDraftDurations({ ...base, drafts, added })).toEqual(computeTimelineDurations(saved, base.incidentStartedAt));
  });

  it("measures across the spring-forward jump in real minutes", () => {
    // 01:50 EST (06:50 UTC) to 03:10 EDT (07:10 UTC): the clock says 80 minutes, 20 have passed.
    const night = [{ id: "s", at: at("2024-03-10T06:50:00Z"), kind: "started" as const }];
    const added = { at: "2024-03-10T03:10", kind: "acknowledged" };
    const durations = computeDraftDurations({ ...base, saved: night, drafts: {}, added });
    expect(durations.timeToAcknowledge).toBe(20);
  });
});
