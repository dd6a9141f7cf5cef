import type { DbOrTx } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { ComponentStatus, Impact, IncidentStatus } from "../domain.ts";
import { sortUpdatesNewestFirst } from "../incidents/derive.ts";
import type { IncidentBase, ScheduledWindow } from "../incidents/queries.ts";
import { pageSettingsView } from "../page/queries.ts";
import { isReadableInstant, readableOrNull } from "../time/bounds.ts";
import { resolvePublicBase } from "../urls/public-url.ts";

// What the public API, the feeds, the badge and the embed read: plain data, in one query set, so
// that the serializers beside this file stay pure and testable without a database. The response
// cache in lib/server/ answers repeated requests; this runs on a miss only.

export type ApiGroup = {
  id: string;
  name: string;
  description: string | null;
  position: number;
  createdAt: Date;
  updatedAt: Date;
};

export type ApiComponent = {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  position: number;
  groupId: string | null;
  showUptime: boolean;
  hideWhileOperational: boolean;
  startDate: Date;
  createdAt: Date;
  updatedAt: Date;
};

export type ApiUpdate = {
  id: string;
  status: IncidentStatus;
  /** Shown as "Cancelled" in feeds; the API says `completed`, as Statuspage would. */
  cancelsWindow: boolean;
  body: string;
  displayAt: Date;
  createdAt: Date;
  updatedAt: Date;
  deliverNotifications: boolean;
  changes: {
    id: string;
    componentId: string | null;
    componentName: string;
    oldStatus: ComponentStatus;
    newStatus: ComponentStatus;
  }[];
};

export type ApiIncident = IncidentBase &
  ScheduledWindow & {
    impactOverride: Impact | null;
    monitoringAt: Date | null;
    resolvedAt: Date | null;
    autoStart: boolean;
    autoComplete: boolean;
    createdAt: Date;
    updatedAt: Date;
    componentIds: string[];
    /** Newest first by displayed time. */
    updates: ApiUpdate[];
    /** Published postmortems only: a draft is not public. */
    postmortem: { body: string; publishedAt: Date; updatedAt: Date } | null;
  };

export type PublicApiData = {
  page: { name: string; timeZone: string; updatedAt: Date };
  /** The public base URL every absolute link is built from (lib/urls/public-url.ts). */
  publicBase: string;
  groups: ApiGroup[];
  components: ApiComponent[];
  /** The 50 most recent incidents and every unresolved one, newest first. */
  incidents: ApiIncident[];
  /** Every open maintenance and the 50 most recent, by window start, newest first. */
  maintenances: ApiIncident[];
};

const RECENT = 50;

const incidentSelect = {
  id: true,
  kind: true,
  name: true,
  status: true,
  impact: true,
  impactOverride: true,
  startedAt: true,
  monitoringAt: true,
  resolvedAt: true,
  scheduledFor: true,
  scheduledUntil: true,
  autoStart: true,
  autoComplete: true,
  createdAt: true,
  updatedAt: true,
  components: { select: { componentId: true } },
  updates: {
    select: {
      id: true,
      status: true,
      cancelsWindow: true,
      body: true,
      displayAt: true,
      createdAt: true,
      updatedAt: true,
      deliverNotifications: true,
      componentChanges: { select: { id: true, componentId: true, componentName: true, oldStatus: true, newStatus: true } },
    },
  },
  postmortem: { select: { body: true, publishedAt: true, updatedAt: true } },
} as const;

type IncidentRow = Awaited<ReturnType<typeof findIncidents>>[number];

function findIncidents(db: DbOrTx, where: object, orderBy?: object, take?: number) {
  return db.incident.findMany({ where, select: incidentSelect, orderBy, take });
}

function toApiIncident({ components, updates, postmortem, ...scalars }: IncidentRow): ApiIncident {
  // Instants stored out of bounds before dates were checked read back as Invalid Date: the
  // incident is served without them (lib/time/bounds.ts), so one old row cannot break the API.
  const where = `Incident ${scalars.id}`;
  const readable = (instant: Date) => (isReadableInstant(instant, where) ? instant : scalars.startedAt);
  return {
    ...scalars,
    monitoringAt: readableOrNull(scalars.monitoringAt, where),
    resolvedAt: readableOrNull(scalars.resolvedAt, where),
    scheduledFor: readableOrNull(scalars.scheduledFor, where),
    scheduledUntil: readableOrNull(scalars.scheduledUntil, where),
    createdAt: readable(scalars.createdAt),
    updatedAt: readable(scalars.updatedAt),
    componentIds: components.map((c) => c.componentId),
    updates: sortUpdatesNewestFirst(updates.filter((u) => isReadableInstant(u.displayAt, `Update ${u.id}`))).map(
      ({ componentChanges, ...update }) => ({
        ...update,
        createdAt: isReadableInstant(update.createdAt, `Update ${update.id}`) ? update.createdAt : update.displayAt,
        updatedAt: isReadableInstant(update.updatedAt, `Update ${update.id}`) ? update.updatedAt : update.displayAt,
        changes: componentChanges,
      }),
    ),
    postmortem:
      postmortem?.publishedAt && isReadableInstant(postmortem.publishedAt, where)
        ? { ...postmortem, publishedAt: postmortem.publishedAt }
        : null,
  };
}

function mergeById(lists: IncidentRow[][]): IncidentRow[] {
  const byId = new Map<string, IncidentRow>();
  for (const list of lists) for (const row of list) byId.set(row.id, row);
  return [...byId.values()];
}

const byTimeDesc = (time: (i: ApiIncident) => Date) => (a: ApiIncident, b: ApiIncident) =>
  time(b).getTime() - time(a).getTime() || b.createdAt.getTime() - a.createdAt.getTime();

/** One incident or maintenance as the API shows it, whatever its age; null when it is gone. */
export async function getApiIncident(db: DbOrTx, id: string): Promise<ApiIncident | null> {
  const row = await db.incident.findUnique({ where: { id }, select: incidentSelect });
  return row ? toApiIncident(row) : null;
}

/**
 * Incidents and maintenances as the write API lists them: every kind, newest start first, a page
 * at a time, optionally only those whose name contains `search`.
 */
export async function listApiIncidents(
  db: DbOrTx,
  options: { where?: Prisma.IncidentWhereInput; search?: string; skip: number; take: number },
): Promise<ApiIncident[]> {
  const where: Prisma.IncidentWhereInput = {
    ...options.where,
    ...(options.search ? { name: { contains: options.search, mode: "insensitive" } } : {}),
  };
  const rows = await db.incident.findMany({
    where,
    select: incidentSelect,
    orderBy: [{ startedAt: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    skip: options.skip,
    take: options.take,
  });
  return rows.filter((row) => isReadableInstant(row.startedAt, `Incident ${row.id}`)).map(toApiIncident);
}

/** The page and its components, without incidents: what the write API serializes one item against. */
export async function getApiPageBase(db: DbOrTx): Promise<Omit<PublicApiData, "incidents" | "maintenances">> {
  return (await getApiPageBaseAndId(db)).base;
}

/** The same, with the page's id in the write API (null before the settings row exists), from one read of the settings. */
export async function getApiPageBaseAndId(
  db: DbOrTx,
): Promise<{ base: Omit<PublicApiData, "incidents" | "maintenances">; pageId: string | null }> {
  const [settingsRow, groups, components] = await Promise.all([
    db.pageSettings.findUnique({ where: { id: 1 } }),
    db.componentGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    db.component.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
  ]);
  const settings = pageSettingsView(settingsRow);
  const base = {
    page: { name: settings.name, timeZone: settings.timeZone, updatedAt: settingsRow?.updatedAt ?? new Date(0) },
    publicBase: resolvePublicBase({ pagePublicUrl: settings.publicUrl }),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      description: g.description,
      position: g.position,
      createdAt: g.createdAt,
      updatedAt: g.updatedAt,
    })),
    components: components.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      status: c.status,
      position: c.position,
      groupId: c.groupId,
      showUptime: c.showUptime,
      hideWhileOperational: c.hideWhileOperational,
      startDate: c.startDate,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    })),
  };
  return { base, pageId: settingsRow?.pageId ?? null };
}

export async function getPublicApiData(db: DbOrTx): Promise<PublicApiData> {
  const [base, recent, unresolved, recentMaintenance, openMaintenance] = await Promise.all([
    getApiPageBase(db),
    findIncidents(db, { kind: "incident" }, [{ startedAt: "desc" }, { createdAt: "desc" }], RECENT),
    findIncidents(db, { kind: "incident", status: { not: "resolved" } }),
    findIncidents(db, { kind: "maintenance" }, [{ scheduledFor: "desc" }, { startedAt: "desc" }], RECENT),
    findIncidents(db, { kind: "maintenance", status: { not: "completed" } }),
  ]);
  const shown = (row: IncidentRow) => isReadableInstant(row.startedAt, `Incident ${row.id}`);
  const incidents = mergeById([recent, unresolved]).filter(shown).map(toApiIncident);
  const maintenances = mergeById([recentMaintenance, openMaintenance]).filter(shown).map(toApiIncident);
  incidents.sort(byTimeDesc((i) => i.startedAt));
  maintenances.sort(byTimeDesc((i) => i.scheduledFor ?? i.startedAt));
  return { ...base, incidents, maintenances };
}
