import { computeOverallStatus, type OverallStatus } from "../components/overall-status.ts";
import type { DbOrTx } from "../db/client.ts";
import type { ComponentStatus, Impact, IncidentStatus } from "../domain.ts";
import { sortUpdatesNewestFirst } from "../incidents/derive.ts";
import { getPageSettings, type PageSettingsView } from "../page/queries.ts";
import { type ComponentUptime, dayWindows, getComponentUptime } from "../uptime/queries.ts";

export type ComponentView = {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  /** Null when the component does not show uptime. */
  uptime: ComponentUptime | null;
};
export type ComponentGroupView = { id: string | null; name: string | null; components: ComponentView[] };
export type IncidentSummary = {
  id: string;
  kind: "incident" | "maintenance";
  name: string;
  status: IncidentStatus;
  impact: Impact;
  startedAt: Date;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  components: string[];
  updates: { id: string; status: IncidentStatus; body: string; displayAt: Date; createdAt: Date }[];
};

export type StatusPageData = {
  page: PageSettingsView;
  overall: OverallStatus;
  groups: ComponentGroupView[];
  openIncidents: IncidentSummary[];
  activeMaintenance: IncidentSummary[];
  upcomingMaintenance: IncidentSummary[];
  pastDays: { day: string; incidents: IncidentSummary[] }[];
  generatedAt: Date;
};

const PAST_DAYS = 15;

const incidentInclude = {
  components: { include: { component: { select: { name: true, position: true } } } },
  updates: { select: { id: true, status: true, body: true, displayAt: true, createdAt: true } },
} as const;

type IncidentRow = {
  id: string;
  kind: "incident" | "maintenance";
  name: string;
  status: IncidentStatus;
  impact: Impact;
  startedAt: Date;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  components: { component: { name: string; position: number } }[];
  updates: { id: string; status: IncidentStatus; body: string; displayAt: Date; createdAt: Date }[];
};

function toSummary(row: IncidentRow): IncidentSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    impact: row.impact,
    startedAt: row.startedAt,
    scheduledFor: row.scheduledFor,
    scheduledUntil: row.scheduledUntil,
    components: row.components.sort((a, b) => a.component.position - b.component.position).map((c) => c.component.name),
    updates: sortUpdatesNewestFirst(row.updates),
  };
}

/** Everything the public status page shows, read in one go. */
export async function getStatusPageData(db: DbOrTx, now = new Date()): Promise<StatusPageData> {
  const since = new Date(now.getTime() - (PAST_DAYS + 1) * 86_400_000);
  // The components and the time zone decide the uptime reads, which then run beside the rest.
  const [page, components] = await Promise.all([
    getPageSettings(db),
    db.component.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
  ]);
  const visible = components.filter((c) => !(c.hideWhileOperational && c.status === "operational"));
  const [groups, open, maintenance, recent, uptime] = await Promise.all([
    db.componentGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    db.incident.findMany({
      where: { kind: "incident", status: { not: "resolved" } },
      include: incidentInclude,
      orderBy: { startedAt: "desc" },
    }),
    db.incident.findMany({
      where: { kind: "maintenance", status: { in: ["scheduled", "in_progress", "verifying"] } },
      include: incidentInclude,
      orderBy: { scheduledFor: "asc" },
    }),
    db.incident.findMany({
      where: { startedAt: { gte: since, lte: now } },
      include: incidentInclude,
      orderBy: { startedAt: "desc" },
    }),
    getComponentUptime(db, { components: visible.filter((c) => c.showUptime), timeZone: page.timeZone, now }),
  ]);

  const grouped: ComponentGroupView[] = [];
  const ungrouped = visible.filter((c) => !c.groupId);
  const view = (c: (typeof components)[number]): ComponentView => ({
    id: c.id,
    name: c.name,
    description: c.description,
    status: c.status,
    uptime: uptime.get(c.id) ?? null,
  });
  // Ungrouped components and groups interleave by position, as on Statuspage.
  const entries: { position: number; group: ComponentGroupView }[] = [
    ...ungrouped.map((c) => ({ position: c.position, group: { id: null, name: null, components: [view(c)] } })),
    ...groups.map((g) => ({
      position: g.position,
      group: { id: g.id, name: g.name, components: visible.filter((c) => c.groupId === g.id).map(view) },
    })),
  ];
  entries.sort((a, b) => a.position - b.position);
  for (const entry of entries) if (entry.group.components.length) grouped.push(entry.group);

  const openIncidents = open.map(toSummary);
  const overall = computeOverallStatus({
    componentStatuses: components.map((c) => c.status),
    openIncidentImpacts: openIncidents.map((i) => i.impact),
  });

  // Newest day first; each incident lands on the day it started, found by the days' bounds
  // (one time-zone computation per day, not one per incident).
  const windows = dayWindows(now, page.timeZone, PAST_DAYS).reverse();
  const pastDays: StatusPageData["pastDays"] = windows.map((w) => ({ day: w.day, incidents: [] }));
  for (const row of recent) {
    const startedAt = row.startedAt.getTime();
    const index = windows.findIndex((w) => w.start.getTime() <= startedAt && startedAt < w.end.getTime());
    if (index >= 0 && !(row.kind === "maintenance" && row.status === "scheduled"))
      pastDays[index]!.incidents.push(toSummary(row));
  }

  return {
    page,
    overall,
    groups: grouped,
    openIncidents,
    activeMaintenance: maintenance.filter((m) => m.status !== "scheduled").map(toSummary),
    upcomingMaintenance: maintenance.filter((m) => m.status === "scheduled").map(toSummary),
    pastDays,
    generatedAt: now,
  };
}
