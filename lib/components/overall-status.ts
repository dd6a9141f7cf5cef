import type { ComponentStatus, Impact } from "../domain.ts";

export const INDICATORS = ["none", "minor", "major", "critical", "maintenance"] as const;
export type Indicator = (typeof INDICATORS)[number];
export type OverallStatus = { indicator: Indicator; description: string };

const INDICATOR_RANK: Record<Indicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };

const FROM_IMPACT: Partial<Record<Impact, OverallStatus>> = {
  minor: { indicator: "minor", description: "Minor Service Outage" },
  major: { indicator: "major", description: "Partial System Outage" },
  critical: { indicator: "critical", description: "Major System Outage" },
};

function fromComponents(statuses: readonly ComponentStatus[]): OverallStatus {
  const all = (s: ComponentStatus) => statuses.length > 0 && statuses.every((x) => x === s);
  const some = (s: ComponentStatus) => statuses.includes(s);
  if (statuses.every((s) => s === "operational")) return { indicator: "none", description: "All Systems Operational" };
  if (all("major_outage")) return { indicator: "critical", description: "Major System Outage" };
  if (some("major_outage") || all("partial_outage")) return { indicator: "major", description: "Partial System Outage" };
  if (some("partial_outage")) return { indicator: "minor", description: "Minor Service Outage" };
  if (all("degraded_performance")) return { indicator: "minor", description: "Degraded System Service" };
  if (some("degraded_performance")) return { indicator: "minor", description: "Partially Degraded Service" };
  return { indicator: "maintenance", description: "Service Under Maintenance" };
}

/**
 * The page's top-level status, by Statuspage's published rules (Atlassian's "Top-level status
 * and incident impact calculations"; the first rule in fromComponents that matches wins): from
 * every component's status, raised to the impact of an open incident when that is worse.
 */
export function computeOverallStatus(input: {
  componentStatuses: readonly ComponentStatus[];
  openIncidentImpacts: readonly Impact[];
}): OverallStatus {
  let result = fromComponents(input.componentStatuses);
  for (const impact of input.openIncidentImpacts) {
    const raised = FROM_IMPACT[impact];
    if (raised && INDICATOR_RANK[raised.indicator] > INDICATOR_RANK[result.indicator]) result = raised;
  }
  return result;
}
