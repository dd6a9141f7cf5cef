import { describe, expect, it } from "vitest";
import { deriveImpact, deriveIncidentState } from "./derive.ts";

const at = (iso: string) => new Date(iso);

describe("deriveImpact", () => {
  it("is the worst status the incident gave its components", () => {
    expect(deriveImpact({ kind: "incident", statusesGiven: ["degraded_performance", "partial_outage"] })).toBe("major");
    expect(deriveImpact({ kind: "incident", statusesGiven: ["major_outage"] })).toBe("critical");
    expect(deriveImpact({ kind: "incident", statusesGiven: [] })).toBe("none");
  });

  it("lets a staff override win", () => {
    expect(deriveImpact({ kind: "incident", statusesGiven: ["major_outage"], override: "minor" })).toBe("minor");
  });

  it("is maintenance for maintenance", () => {
    expect(deriveImpact({ kind: "maintenance", statusesGiven: ["major_outage"] })).toBe("maintenance");
  });
});

describe("deriveIncidentState", () => {
  it("follows the newest update by displayed time, not by entry order", () => {
    const state = deriveIncidentState([
      { status: "investigating", displayAt: at("2024-07-11T20:05:00Z"), createdAt: at("2024-07-11T20:05:00Z") },
      { status: "resolved", displayAt: at("2024-07-11T21:00:00Z"), createdAt: at("2024-07-11T21:00:00Z") },
      // entered later, but back-dated before the resolution
      { status: "identified", displayAt: at("2024-07-11T20:20:00Z"), createdAt: at("2024-07-12T09:00:00Z") },
    ]);
    expect(state.status).toBe("resolved");
    expect(state.identifiedAt).toEqual(at("2024-07-11T20:20:00Z"));
    expect(state.resolvedAt).toEqual(at("2024-07-11T21:00:00Z"));
  });

  it("reopens: a later investigating update clears resolvedAt", () => {
    const state = deriveIncidentState([
      { status: "resolved", displayAt: at("2024-07-11T21:00:00Z"), createdAt: at("2024-07-11T21:00:00Z") },
      { status: "investigating", displayAt: at("2024-07-11T22:00:00Z"), createdAt: at("2024-07-11T22:00:00Z") },
    ]);
    expect(state.status).toBe("investigating");
    expect(state.resolvedAt).toBeNull();
  });
});
