import type { ComponentStatus } from "../domain.ts";

// Maintenance is planned and announced, so any unplanned trouble outranks it.
const RANK: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** The status a folded group shows: its worst component's, operational for an empty group. */
export function worstComponentStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  return statuses.reduce<ComponentStatus>((worst, status) => (RANK[status] > RANK[worst] ? status : worst), "operational");
}
