import { computeOverallStatus, type OverallStatus } from "../components/overall-status.ts";
import { interleaveTopLevel } from "../components/top-level-order.ts";
import type { DbOrTx } from "../db/client.ts";
import type { ComponentStatus } from "../domain.ts";
import { sortUpdatesNewestFirst } from "../incidents/derive.ts";
import type { IncidentBase, IncidentUpdateView, ScheduledWindow } from "../incidents/queries.ts";
import { getPageSettings, type PageSettingsView } from "../page/queries.ts";
import { isReadableInstant, readableOrNull } from "../time/bounds.ts";
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
type SummaryUpdate = Omit<IncidentUpdateView, "editedAt" | "componentChanges">;
export type IncidentSummary = IncidentBase &
  ScheduledWindow & {
    /** Names, by position. */
    components: string[];
    updates: SummaryUpdate[];
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

/** An incident as the page's one raw read returns it: updates as JSON, with their instants as text. */
type IncidentRow = Omit<IncidentSummary, "updates"> & {
  updates: (Omit<SummaryUpdate, "displayAt" | "createdAt"> & { displayAt: string; createdAt: string })[];
};

function toSummary({ updates, ...incident }: IncidentRow): IncidentSummary {
  const where = `Incident ${incident.id}`;
  return {
    ...incident,
    scheduledFor: readableOrNull(incident.scheduledFor, where),
    scheduledUntil: readableOrNull(incident.scheduledUntil, where),
    updates: sortUpdatesNewestFirst(
      updates
        .map((u) => ({ ...u, displayAt: new Date(u.displayAt), createdAt: new Date(u.createdAt) }))
        .filter((u) => isReadableInstant(u.displayAt, `Update ${u.id}`))
        .map((u) => (isReadableInstant(u.createdAt, `Update ${u.id}`) ? u : { ...u, createdAt: u.displayAt })),
    ),
  };
}

/** Everything the public status page shows, read in one go. */
export async function getStatusPageData(db: DbOrTx, now = new Date()): Promise<StatusPageData> {
  const since = new Date(now.getTime() - (PAST_DAYS + 1) * 86_400_000);
  // The components and the time zone decide the uptime reads, which then run beside the rest.
  const [page, components] = await Promise.all([
    getPageSettings(db),
    db.component.findMany({
      select: {
        id: true,
        name: true,
        description: true,
        status: true,
        groupId: true,
        position: true,
        showUptime: true,
        hideWhileOperational: true,
        startDate: true,
      },
      orderBy: [{ position: "asc" }, { name: "asc" }],
    }),
  ]);
  const visible = components.filter((c) => !(c.hideWhileOperational && c.status === "operational"));
  const [groups, rows, uptime] = await Promise.all([
    db.componentGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    // Open incidents, maintenance not yet completed and the last days' incidents, read at once
    // with their components and updates (one round trip, where an include takes four).
    db.$queryRaw<IncidentRow[]>`
      SELECT i.id, i.kind::text AS kind, i.name, i.status::text AS status, i.impact::text AS impact,
             i."startedAt", i."scheduledFor", i."scheduledUntil",
             (SELECT coalesce(json_agg(c.name ORDER BY c.position, c.name), '[]')
                FROM "IncidentComponent" ic JOIN "Component" c ON c.id = ic."componentId"
               WHERE ic."incidentId" = i.id) AS components,
             (SELECT coalesce(json_agg(json_build_object('id', u.id, 'status', u.status, 'cancelsWindow', u."cancelsWindow", 'body', u.body,
                                                         'displayAt', u."displayAt", 'createdAt', u."createdAt")), '[]')
                FROM "IncidentUpdate" u WHERE u."incidentId" = i.id) AS updates
        FROM "Incident" i
       WHERE (i.kind = 'incident' AND i.status <> 'resolved')
          OR (i.kind = 'maintenance' AND i.status IN ('scheduled', 'in_progress', 'verifying'))
          OR (i."startedAt" >= ${since} AND i."startedAt" <= ${now})
       ORDER BY i."startedAt" DESC, i.id`,
    getComponentUptime(db, { components: visible.filter((c) => c.showUptime), timeZone: page.timeZone, now }),
  ]);
  // One row with an unreadable start (stored before dates were bounded) is left out, not the page.
  const incidents = rows.filter((row) => isReadableInstant(row.startedAt, `Incident ${row.id}`));
  const open = incidents.filter((i) => i.kind === "incident" && i.status !== "resolved");
  const maintenance = incidents
    .filter((i) => i.kind === "maintenance" && ["scheduled", "in_progress", "verifying"].includes(i.status))
    .sort(
      (a, b) => (a.scheduledFor?.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.scheduledFor?.getTime() ?? Number.MAX_SAFE_INTEGER),
    );
  const recent = incidents.filter((i) => i.startedAt >= since && i.startedAt <= now);

  const grouped: ComponentGroupView[] = [];
  const ungrouped = visible.filter((c) => !c.groupId);
  const view = (c: (typeof components)[number]): ComponentView => ({
    id: c.id,
    name: c.name,
    description: c.description,
    status: c.status,
    uptime: uptime.get(c.id) ?? null,
  });
  for (const { kind, item } of interleaveTopLevel(ungrouped, groups)) {
    const group: ComponentGroupView =
      kind === "component"
        ? { id: null, name: null, components: [view(item)] }
        : { id: item.id, name: item.name, components: visible.filter((c) => c.groupId === item.id).map(view) };
    if (group.components.length) grouped.push(group);
  }

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
