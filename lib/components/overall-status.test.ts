import { describe, expect, it } from "vitest";
import type { ComponentStatus } from "../domain.ts";
import { computeOverallStatus } from "./overall-status.ts";

const status = (componentStatuses: ComponentStatus[], openIncidentImpacts: ("none" | "minor" | "major" | "critical")[] = []) =>
  computeOverallStatus({ componentStatuses, openIncidentImpacts });

describe("computeOverallStatus", () => {
  it("is operational when every component is, or there are none", () => {
    expect(status(["operational", "operational"])).toEqual({ indicator: "none", description: "All Systems Operational" });
    expect(status([])).toEqual({ indicator: "none", description: "All Systems Operational" });
  });

  it("reads Major System Outage only when every component is down", () => {
    expect(status(["major_outage", "major_outage"])).toEqual({ indicator: "critical", description: "Major System Outage" });
  });

  it("reads Partial System Outage for GitHub's six of nine components in major outage", () => {
    const statuses: ComponentStatus[] = [...Array(6).fill("major_outage"), ...Array(3).fill("operational")];
    expect(status(statuses)).toEqual({ indicator: "major", description: "Partial System Outage" });
  });

  it("reads Partial System Outage when every component is in partial outage", () => {
    expect(status(["partial_outage", "partial_outage"])).toEqual({ indicator: "major", description: "Partial System Outage" });
  });

  it("reads Minor Service Outage when some components are in partial outage", () => {
    expect(status(["partial_outage", "operational", "degraded_performance"])).toEqual({
      indicator: "minor",
      description: "Minor Service Outage",
    });
  });

  it("tells all degraded from some degraded", () => {
    expect(status(["degraded_performance"]).description).toBe("Degraded System Service");
    expect(status(["degraded_performance", "operational"]).description).toBe("Partially Degraded Service");
    expect(status(["degraded_performance", "under_maintenance"]).description).toBe("Partially Degraded Service");
  });

  it("reads Service Under Maintenance when maintenance is the only departure", () => {
    expect(status(["under_maintenance", "operational"])).toEqual({
      indicator: "maintenance",
      description: "Service Under Maintenance",
    });
  });

  it("is raised by an open incident whose impact is worse than the components give", () => {
    expect(status(["operational"], ["major"])).toEqual({ indicator: "major", description: "Partial System Outage" });
    expect(status([], ["critical"])).toEqual({ indicator: "critical", description: "Major System Outage" });
    expect(status(["under_maintenance"], ["minor"])).toEqual({ indicator: "minor", description: "Minor Service Outage" });
  });

  it("is not lowered by an open incident of lesser impact", () => {
    expect(status(["major_outage"], ["minor", "none"])).toEqual({ indicator: "critical", description: "Major System Outage" });
  });
});
