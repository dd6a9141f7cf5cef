import { computeOverallStatus, type OverallStatus } from "../components/overall-status.ts";
import { interleaveTopLevel } from "../components/top-level-order.ts";
import type { ComponentStatus } from "../domain.ts";
import { toIsoInZone, toIsoInZoneOrNull } from "../time/iso-in-zone.ts";
import { latestInstant } from "../time/latest-instant.ts";
import { publicUrl } from "../urls/public-url.ts";
import type { ApiComponent, ApiGroup, ApiIncident, PublicApiData } from "./queries.ts";

// Pure serializers for Atlassian Statuspage's public Status API v2, so that widgets and tools
// written for Statuspage read Upstate unchanged. Keys, nesting, value types and enum values follow
// the real payloads in tests/fixtures/statuspage/ (checked by statuspage-v2.test.ts).

/** Statuspage pages have an id; an installation publishes exactly one page. */
export const PAGE_ID = "upstate";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export type ApiEndpoint =
  | "summary"
  | "status"
  | "components"
  | "incidents"
  | "incidents/unresolved"
  | "scheduled-maintenances"
  | "scheduled-maintenances/upcoming"
  | "scheduled-maintenances/active";

const STATUS_RANK: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

function worstStatus(statuses: ComponentStatus[]): ComponentStatus {
  return statuses.reduce<ComponentStatus>((worst, s) => (STATUS_RANK[s] > STATUS_RANK[worst] ? s : worst), "operational");
}

const dateOnly = (date: Date) => date.toISOString().slice(0, 10);

function pageUpdatedAt(data: PublicApiData): Date {
  const items = [...data.groups, ...data.components, ...data.incidents, ...data.maintenances];
  return latestInstant(data.page.updatedAt, ...items.map((item) => item.updatedAt));
}

export function serializePage(data: PublicApiData): JsonObject {
  return {
    id: PAGE_ID,
    name: data.page.name,
    url: publicUrl({ pagePublicUrl: data.publicBase }),
    time_zone: data.page.timeZone,
    updated_at: toIsoInZone(pageUpdatedAt(data), data.page.timeZone),
  };
}

/** Unresolved incidents: not resolved, and no postmortem published. */
export function isUnresolved(incident: ApiIncident): boolean {
  return incident.status !== "resolved" && incident.postmortem === null;
}

export function overallStatus(data: PublicApiData): OverallStatus {
  return computeOverallStatus({
    componentStatuses: data.components.map((c) => c.status),
    openIncidentImpacts: data.incidents.filter(isUnresolved).map((i) => i.impact),
  });
}

export function serializeComponent(component: ApiComponent, data: PublicApiData): JsonObject {
  const zone = data.page.timeZone;
  return {
    id: component.id,
    name: component.name,
    status: component.status,
    created_at: toIsoInZone(component.createdAt, zone),
    updated_at: toIsoInZone(component.updatedAt, zone),
    position: component.position,
    description: component.description,
    // Statuspage's `showcase` is "show uptime on the page".
    showcase: component.showUptime,
    start_date: dateOnly(component.startDate),
    group_id: component.groupId,
    page_id: PAGE_ID,
    group: false,
    only_show_if_degraded: component.hideWhileOperational,
  };
}

// Statuspage lists a group as a component with `group: true` and its children's ids.
function serializeGroup(group: ApiGroup, children: ApiComponent[], data: PublicApiData): JsonObject {
  const zone = data.page.timeZone;
  return {
    id: group.id,
    name: group.name,
    status: worstStatus(children.map((c) => c.status)),
    created_at: toIsoInZone(group.createdAt, zone),
    updated_at: toIsoInZone(group.updatedAt, zone),
    position: group.position,
    description: group.description,
    showcase: false,
    start_date: null,
    group_id: null,
    page_id: PAGE_ID,
    group: true,
    only_show_if_degraded: false,
    components: children.map((c) => c.id),
  };
}

/** Components and groups in display order: each group followed by its children. */
export function serializeComponents(data: PublicApiData): JsonObject[] {
  const ungrouped = data.components.filter((c) => !c.groupId);
  return interleaveTopLevel(ungrouped, data.groups).flatMap(({ kind, item }) => {
    if (kind === "component") return [serializeComponent(item, data)];
    const children = data.components.filter((c) => c.groupId === item.id);
    return [serializeGroup(item, children, data), ...children.map((c) => serializeComponent(c, data))];
  });
}

export function serializeIncident(incident: ApiIncident, data: PublicApiData): JsonObject {
  const zone = data.page.timeZone;
  const iso = (d: Date) => toIsoInZone(d, zone);
  const isoOrNull = (d: Date | null) => toIsoInZoneOrNull(d, zone);
  const components = data.components.filter((c) => incident.componentIds.includes(c.id));
  const isMaintenance = incident.kind === "maintenance";
  const body: JsonObject = {
    id: incident.id,
    name: incident.name,
    // As on Statuspage, publishing a postmortem moves an incident to `postmortem`.
    status: !isMaintenance && incident.postmortem ? "postmortem" : incident.status,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    monitoring_at: isoOrNull(incident.monitoringAt),
    resolved_at: isoOrNull(incident.resolvedAt),
    impact: incident.impact,
    impact_override: incident.impactOverride,
    shortlink: publicUrl({ pagePublicUrl: data.publicBase, path: `/incidents/${incident.id}` }),
    started_at: iso(incident.startedAt),
    page_id: PAGE_ID,
    postmortem_body: incident.postmortem?.body ?? null,
    postmortem_body_last_updated_at: isoOrNull(incident.postmortem?.updatedAt ?? null),
    postmortem_published_at: isoOrNull(incident.postmortem?.publishedAt ?? null),
    incident_updates: incident.updates.map((update) => ({
      id: update.id,
      status: update.status,
      body: update.body,
      incident_id: incident.id,
      created_at: iso(update.createdAt),
      updated_at: iso(update.updatedAt),
      display_at: iso(update.displayAt),
      // Statuspage sends null, not [], for an update that touched no component.
      affected_components: update.changes.length
        ? update.changes.map((change) => ({
            code: change.componentId ?? change.id,
            name: change.componentName,
            old_status: change.oldStatus,
            new_status: change.newStatus,
          }))
        : null,
      deliver_notifications: update.deliverNotifications,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: components.map((c) => serializeComponent(c, data)),
  };
  if (isMaintenance) {
    body.scheduled_for = isoOrNull(incident.scheduledFor);
    body.scheduled_until = isoOrNull(incident.scheduledUntil);
    body.scheduled_auto_in_progress = incident.autoStart;
    body.scheduled_auto_completed = incident.autoComplete;
  }
  return body;
}

/** Statuspage's lists: every open one, then the most recent closed ones, up to `limit` in all. */
function recentKeepingOpen(list: ApiIncident[], isOpen: (i: ApiIncident) => boolean, limit = 50): ApiIncident[] {
  const keep = new Set(list.filter(isOpen));
  for (const item of list) if (keep.size < limit) keep.add(item);
  return list.filter((item) => keep.has(item));
}

const isUpcoming = (m: ApiIncident) => m.status === "scheduled";
const isActive = (m: ApiIncident) => m.status === "in_progress" || m.status === "verifying";
const byWindowStart = (a: ApiIncident, b: ApiIncident) =>
  (a.scheduledFor ?? a.startedAt).getTime() - (b.scheduledFor ?? b.startedAt).getTime();

/** The body of one `/api/v2/<endpoint>.json`. */
export function serializeEndpoint(endpoint: ApiEndpoint, data: PublicApiData): JsonObject {
  const page = serializePage(data);
  const incidents = (list: ApiIncident[]) => list.map((i) => serializeIncident(i, data));
  switch (endpoint) {
    case "summary":
      return {
        page,
        components: serializeComponents(data),
        incidents: incidents(data.incidents.filter(isUnresolved)),
        scheduled_maintenances: incidents(data.maintenances.filter((m) => isUpcoming(m) || isActive(m)).sort(byWindowStart)),
        status: overallStatus(data),
      };
    case "status":
      return { page, status: overallStatus(data) };
    case "components":
      return { page, components: serializeComponents(data) };
    case "incidents":
      return { page, incidents: incidents(recentKeepingOpen(data.incidents, isUnresolved)) };
    case "incidents/unresolved":
      return { page, incidents: incidents(data.incidents.filter(isUnresolved)) };
    case "scheduled-maintenances":
      return { page, scheduled_maintenances: incidents(recentKeepingOpen(data.maintenances, (m) => m.status !== "completed")) };
    case "scheduled-maintenances/upcoming":
      return { page, scheduled_maintenances: incidents(data.maintenances.filter(isUpcoming).sort(byWindowStart)) };
    case "scheduled-maintenances/active":
      return { page, scheduled_maintenances: incidents(data.maintenances.filter(isActive).sort(byWindowStart)) };
  }
}
