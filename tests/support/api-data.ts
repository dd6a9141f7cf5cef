import type { ApiIncident, PublicApiData } from "../../lib/public-api/queries.ts";

// Plain data for the pure serializers (API, feeds, badge), built without a database.

export function apiIncident(overrides: Partial<ApiIncident> & Pick<ApiIncident, "id" | "name">): ApiIncident {
  const at = overrides.startedAt ?? new Date("2024-07-11T20:01:00.000Z");
  return {
    kind: "incident",
    status: "investigating",
    impact: "minor",
    impactOverride: null,
    startedAt: at,
    monitoringAt: null,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    autoStart: false,
    autoComplete: false,
    createdAt: at,
    updatedAt: at,
    componentIds: [],
    updates: [],
    postmortem: null,
    ...overrides,
  };
}

export function apiData(overrides: Partial<PublicApiData> = {}): PublicApiData {
  return {
    page: { name: "Acme", timeZone: "America/New_York", updatedAt: new Date("2024-01-01T00:00:00.000Z") },
    publicBase: "https://status.acme.test/s",
    groups: [],
    components: [],
    incidents: [],
    maintenances: [],
    ...overrides,
  };
}
