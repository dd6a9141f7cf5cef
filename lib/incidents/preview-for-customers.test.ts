import { describe, expect, it } from "vitest";
import { previewForCustomers } from "./preview-for-customers.ts";

const components = [
  { id: "a", name: "AuthKit", status: "operational" as const },
  { id: "s", name: "SSO", status: "operational" as const },
  { id: "w", name: "Webhooks", status: "operational" as const },
];

describe("previewForCustomers", () => {
  it("a new incident taking a component down: the banner, the impact and the change, by the public page's rules", () => {
    const preview = previewForCustomers({
      components,
      openIncidents: [],
      incident: null,
      status: "investigating",
      changes: [{ componentId: "a", status: "partial_outage" }],
    });
    expect(preview.bannerNow).toEqual({ indicator: "none", description: "All Systems Operational" });
    // The impact (major) raises the banner past what one partial outage among three gives (minor)
    // while the component is down: expected, not flagged.
    expect(preview.componentsOnly).toEqual({ indicator: "minor", description: "Minor Service Outage" });
    expect(preview.banner).toEqual({ indicator: "major", description: "Partial System Outage" });
    expect(preview.impact).toBe("major");
    expect(preview.changes).toEqual([{ id: "a", name: "AuthKit", from: "operational", to: "partial_outage" }]);
    expect(preview.impactHoldsBanner).toBe(false);
  });

  it("says when the incident's impact keeps the banner worse than its components (Monitoring, all Operational)", () => {
    const down = components.map((c) => (c.id === "a" ? { ...c, status: "partial_outage" as const } : c));
    const preview = previewForCustomers({
      components: down,
      openIncidents: [{ id: "i1", impact: "major" }],
      incident: { id: "i1", statusesGiven: ["partial_outage"], impactOverride: null, componentIds: ["a"] },
      status: "identified",
      changes: [{ componentId: "a", status: "operational" }],
    });
    expect(preview.componentsOnly.description).toBe("All Systems Operational");
    expect(preview.banner).toEqual({ indicator: "major", description: "Partial System Outage" });
    expect(preview.impact).toBe("major");
    expect(preview.impactHoldsBanner).toBe(true);
  });

  it("an override lowers the impact, and resolving takes the incident off the banner", () => {
    const base = {
      components,
      openIncidents: [{ id: "i1", impact: "major" as const }],
      changes: [],
    };
    const lowered = previewForCustomers({
      ...base,
      incident: { id: "i1", statusesGiven: ["partial_outage"], impactOverride: "none", componentIds: ["a"] },
      status: "monitoring",
    });
    expect(lowered.impact).toBe("none");
    expect(lowered.banner.description).toBe("All Systems Operational");
    expect(lowered.impactHoldsBanner).toBe(false);
    const resolved = previewForCustomers({
      ...base,
      incident: { id: "i1", statusesGiven: ["partial_outage"], impactOverride: null, componentIds: ["a"] },
      status: "resolved",
    });
    expect(resolved.banner.description).toBe("All Systems Operational");
    expect(resolved.impactHoldsBanner).toBe(false);
  });

  it("other open incidents still count, and a change to the status a component already has is no change", () => {
    const preview = previewForCustomers({
      components,
      openIncidents: [{ id: "other", impact: "critical" }],
      incident: null,
      impactOverride: "minor",
      status: "investigating",
      changes: [{ componentId: "s", status: "operational" }],
    });
    expect(preview.banner).toEqual({ indicator: "critical", description: "Major System Outage" });
    expect(preview.impact).toBe("minor");
    expect(preview.changes).toEqual([]);
    expect(preview.impactHoldsBanner).toBe(false);
  });
});
