// The domain's vocabulary, shared by the database schema, the pages and the API.
export const COMPONENT_STATUSES = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export const MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying", "completed"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number] | (typeof MAINTENANCE_STATUSES)[number];

export const IMPACTS = ["none", "minor", "major", "critical", "maintenance"] as const;
export type Impact = (typeof IMPACTS)[number];

/** What a template prefills: an incident's message (new incident, updates) or a postmortem. */
export const TEMPLATE_KINDS = ["update", "postmortem"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const TEMPLATE_KIND_LABELS: Record<TemplateKind, string> = { update: "Incident update", postmortem: "Postmortem" };

export const TIMELINE_EVENT_KINDS = ["started", "detected", "acknowledged", "mitigated", "resolved", "fixed", "other"] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded Performance",
  partial_outage: "Partial Outage",
  major_outage: "Major Outage",
  under_maintenance: "Under Maintenance",
};

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};

export const TIMELINE_EVENT_KIND_LABELS: Record<TimelineEventKind, string> = {
  started: "Impact started",
  detected: "Detected",
  acknowledged: "Acknowledged",
  mitigated: "Mitigated",
  resolved: "Impact ended",
  fixed: "Permanently fixed",
  other: "Note",
};
