import { describe, expect, it } from "vitest";
import { proposeTimelineEvents } from "./propose-events.ts";

const at = (hhmm: string) => new Date(`2024-07-11T${hhmm}:00Z`);

describe("proposeTimelineEvents", () => {
  const updates = [
    { status: "resolved" as const, displayAt: at("20:47"), body: "This incident has been resolved." },
    { status: "monitoring" as const, displayAt: at("20:33"), body: "**Rollback** deployed.\n\nWatching." },
    { status: "investigating" as const, displayAt: at("20:28"), body: "## Looking into it\nSign-ins fail." },
    { status: "monitoring" as const, displayAt: at("20:40"), body: "Still watching." },
  ];

  it("proposes the first update as acknowledged, the first Monitoring as mitigated, the first Resolved as resolved", () => {
    expect(proposeTimelineEvents(updates, [])).toEqual([
      { kind: "acknowledged", at: at("20:28"), text: "First update: Looking into it" },
      { kind: "mitigated", at: at("20:33"), text: "Monitoring: Rollback deployed." },
      { kind: "resolved", at: at("20:47"), text: "Resolved: This incident has been resolved." },
    ]);
  });

  it("leaves out kinds the timeline already has, and proposes nothing without updates", () => {
    expect(proposeTimelineEvents(updates, ["acknowledged", "resolved"]).map((p) => p.kind)).toEqual(["mitigated"]);
    expect(proposeTimelineEvents([], [])).toEqual([]);
  });

  it("shortens a long first line", () => {
    const [first] = proposeTimelineEvents([{ status: "investigating", displayAt: at("20:00"), body: "x".repeat(500) }], []);
    expect(first!.text).toHaveLength(200);
    expect(first!.text.endsWith("…")).toBe(true);
  });
});
