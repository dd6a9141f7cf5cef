import type { ComponentStatus, Impact, IncidentStatus } from "../domain.ts";

const IMPACT_OF_STATUS: Record<ComponentStatus, Impact> = {
  operational: "none",
  under_maintenance: "none",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
};
const IMPACT_RANK: Record<Impact, number> = { none: 0, maintenance: 0, minor: 1, major: 2, critical: 3 };

/**
 * An incident's impact: the worst status its components were given, unless staff overrode it.
 * Maintenance always has impact `maintenance`.
 */
export function deriveImpact(input: {
  kind: "incident" | "maintenance";
  statusesGiven: readonly ComponentStatus[];
  override?: Impact | null;
}): Impact {
  if (input.kind === "maintenance") return "maintenance";
  if (input.override) return input.override;
  let worst: Impact = "none";
  for (const s of input.statusesGiven) if (IMPACT_RANK[IMPACT_OF_STATUS[s]] > IMPACT_RANK[worst]) worst = IMPACT_OF_STATUS[s];
  return worst;
}

export type UpdateLike = { status: IncidentStatus; displayAt: Date; createdAt: Date };

function newestFirst(a: UpdateLike, b: UpdateLike): number {
  return b.displayAt.getTime() - a.displayAt.getTime() || b.createdAt.getTime() - a.createdAt.getTime();
}

/** Updates ordered as the public sees them: newest displayed time first. */
export function sortUpdatesNewestFirst<T extends UpdateLike>(updates: readonly T[]): T[] {
  return [...updates].sort(newestFirst);
}

/**
 * The incident's status is its newest update's by displayed time (a back-dated update does not
 * win over a later one), with the first instants each status was reached.
 */
export function deriveIncidentState(updates: readonly UpdateLike[]): {
  status: IncidentStatus | null;
  identifiedAt: Date | null;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
} {
  const sorted = sortUpdatesNewestFirst(updates);
  const firstAt = (status: IncidentStatus) => {
    let first: Date | null = null;
    for (const u of sorted) if (u.status === status && (!first || u.displayAt < first)) first = u.displayAt;
    return first;
  };
  const status = sorted[0]?.status ?? null;
  const closed = status === "resolved" || status === "completed";
  return {
    status,
    identifiedAt: firstAt("identified"),
    monitoringAt: firstAt("monitoring"),
    // A reopened incident is no longer resolved.
    resolvedAt: closed ? (firstAt("resolved") ?? firstAt("completed")) : null,
  };
}
