import { notifyPublicChange } from "../cache/public-change.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import type { ComponentStatus, IncidentStatus } from "../domain.ts";
import { dayKey, isValidTimeZone } from "../time/format-instant.ts";
import type { StatuspageComponent, StatuspageExport, StatuspageIncident } from "./statuspage-schemas.ts";

// Brings a Statuspage page's public history into Upstate: groups, components, incidents and
// maintenance with their updates, keeping every original id (as externalId), timestamp and status.
// One transaction: bad data found half-way writes nothing. Keyed on the original ids and writing
// the same values again, so a second run changes nothing, and a later run picks up new updates.

export type ImportCounts = {
  groups: number;
  components: number;
  incidents: number;
  maintenances: number;
  updates: number;
  statusChanges: number;
};

const at = (iso: string) => new Date(iso);
const atOrNull = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/** Upstate has no `postmortem` status: the postmortem is a separate record (and its text is not public on Statuspage). */
function toStatus(status: StatuspageIncident["status"]): IncidentStatus {
  return status === "postmortem" ? "resolved" : status;
}

async function existingExternalIds(
  find: (ids: string[]) => Promise<{ externalId: string | null }[]>,
  ids: string[],
): Promise<Set<string>> {
  return new Set((await find(ids)).map((row) => row.externalId!));
}

function collectComponents(data: StatuspageExport): { groups: StatuspageComponent[]; components: StatuspageComponent[] } {
  const byId = new Map<string, StatuspageComponent>();
  // Trimmed or older exports may lack components that incidents still name in full.
  for (const incident of [...data.incidents, ...data.maintenances]) for (const c of incident.components ?? []) byId.set(c.id, c);
  for (const c of data.components) byId.set(c.id, c);
  const all = [...byId.values()];
  return { groups: all.filter((c) => c.group), components: all.filter((c) => !c.group) };
}

async function importComponents(tx: DbOrTx, data: StatuspageExport, timeZone: string, counts: ImportCounts) {
  const { groups, components } = collectComponents(data);
  const knownGroups = await existingExternalIds(
    (ids) => tx.componentGroup.findMany({ where: { externalId: { in: ids } }, select: { externalId: true } }),
    groups.map((g) => g.id),
  );
  const groupIds = new Map<string, string>();
  for (const g of groups) {
    const fields = {
      name: g.name,
      description: g.description ?? null,
      position: g.position,
      createdAt: at(g.created_at),
      updatedAt: at(g.updated_at),
    };
    const row = await tx.componentGroup.upsert({
      where: { externalId: g.id },
      create: { ...fields, externalId: g.id },
      update: fields,
    });
    groupIds.set(g.id, row.id);
    if (!knownGroups.has(g.id)) counts.groups++;
  }
  const knownComponents = await existingExternalIds(
    (ids) => tx.component.findMany({ where: { externalId: { in: ids } }, select: { externalId: true } }),
    components.map((c) => c.id),
  );
  const componentIds = new Map<string, string>();
  for (const c of components) {
    const fields = {
      name: c.name,
      description: c.description ?? null,
      position: c.position,
      groupId: c.group_id ? (groupIds.get(c.group_id) ?? null) : null,
      status: c.status,
      showUptime: c.showcase ?? true,
      hideWhileOperational: c.only_show_if_degraded ?? false,
      startDate: new Date(`${c.start_date ?? dayKey(at(c.created_at), timeZone)}T00:00:00Z`),
      createdAt: at(c.created_at),
      updatedAt: at(c.updated_at),
    };
    const row = await tx.component.upsert({
      where: { externalId: c.id },
      create: { ...fields, externalId: c.id },
      update: fields,
    });
    componentIds.set(c.id, row.id);
    if (!knownComponents.has(c.id)) counts.components++;
  }
  return { componentIds, components };
}

type StatusChangeRow = {
  componentId: string;
  status: ComponentStatus;
  at: Date;
  incidentId: string | null;
  incidentUpdateId: string | null;
};

async function importIncident(
  tx: DbOrTx,
  source: StatuspageIncident,
  kind: "incident" | "maintenance",
  componentIds: Map<string, string>,
  changes: StatusChangeRow[],
  counts: ImportCounts,
) {
  const updates = [...source.incident_updates].sort(
    (a, b) => at(a.display_at ?? a.created_at).getTime() - at(b.display_at ?? b.created_at).getTime(),
  );
  const firstAt = (status: string) => atOrNull(updates.find((u) => u.status === status)?.display_at);
  const startedAt = at((kind === "maintenance" ? source.scheduled_for : null) ?? source.started_at ?? source.created_at);
  const fields = {
    kind,
    name: source.name,
    status: toStatus(source.status),
    impact: source.impact,
    impactOverride: source.impact_override ?? null,
    startedAt,
    identifiedAt: firstAt("identified"),
    monitoringAt: atOrNull(source.monitoring_at),
    resolvedAt: atOrNull(source.resolved_at),
    scheduledFor: atOrNull(source.scheduled_for),
    scheduledUntil: atOrNull(source.scheduled_until),
    autoStart: source.scheduled_auto_in_progress ?? false,
    autoComplete: source.scheduled_auto_completed ?? false,
    createdAt: at(source.created_at),
    updatedAt: at(source.updated_at ?? source.created_at),
  };
  const existed = await tx.incident.findUnique({ where: { externalId: source.id }, select: { id: true } });
  const incident = await tx.incident.upsert({
    where: { externalId: source.id },
    create: { ...fields, externalId: source.id },
    update: fields,
  });
  if (!existed) counts[kind === "incident" ? "incidents" : "maintenances"]++;

  const affected = new Set<string>();
  for (const c of source.components ?? []) if (componentIds.has(c.id)) affected.add(componentIds.get(c.id)!);
  for (const u of updates)
    for (const a of u.affected_components ?? []) if (componentIds.has(a.code)) affected.add(componentIds.get(a.code)!);
  await tx.incidentComponent.createMany({
    data: [...affected].map((componentId) => ({ incidentId: incident.id, componentId })),
    skipDuplicates: true,
  });

  for (const u of updates) {
    const displayAt = at(u.display_at ?? u.created_at);
    const updateFields = {
      incidentId: incident.id,
      status: toStatus(u.status),
      body: u.body,
      displayAt,
      deliverNotifications: u.deliver_notifications ?? true,
      createdAt: at(u.created_at),
      updatedAt: at(u.updated_at ?? u.created_at),
    };
    const updateExisted = await tx.incidentUpdate.findUnique({ where: { externalId: u.id }, select: { id: true } });
    const update = await tx.incidentUpdate.upsert({
      where: { externalId: u.id },
      create: { ...updateFields, externalId: u.id },
      update: updateFields,
    });
    if (!updateExisted) counts.updates++;

    const wanted = (u.affected_components ?? []).map((a) => ({
      updateId: update.id,
      componentId: componentIds.get(a.code) ?? null,
      componentName: a.name,
      oldStatus: a.old_status,
      newStatus: a.new_status,
    }));
    const key = (c: (typeof wanted)[number]) => `${c.componentId}|${c.componentName}|${c.oldStatus}|${c.newStatus}`;
    const have = await tx.incidentUpdateComponent.findMany({ where: { updateId: update.id } });
    if (have.map(key).sort().join("\n") !== wanted.map(key).sort().join("\n")) {
      await tx.incidentUpdateComponent.deleteMany({ where: { updateId: update.id } });
      await tx.incidentUpdateComponent.createMany({ data: wanted });
    }
    for (const c of wanted) {
      if (c.componentId && c.oldStatus !== c.newStatus) {
        changes.push({
          componentId: c.componentId,
          status: c.newStatus,
          at: displayAt,
          incidentId: incident.id,
          incidentUpdateId: update.id,
        });
      }
    }
  }
}

/**
 * The status history the updates describe, with a starting point at each component's creation
 * and, where the export's current status differs from the last change, that status from the
 * component's last update on; so uptime bars read as on the old page.
 */
function completeHistory(
  changes: StatusChangeRow[],
  components: StatuspageComponent[],
  componentIds: Map<string, string>,
  firstOldStatus: Map<string, ComponentStatus>,
): StatusChangeRow[] {
  const all = [...changes];
  for (const c of components) {
    const componentId = componentIds.get(c.id)!;
    const own = changes.filter((change) => change.componentId === componentId).sort((a, b) => a.at.getTime() - b.at.getTime());
    const created = at(c.created_at);
    all.push({
      componentId,
      status: firstOldStatus.get(componentId) ?? c.status,
      at: created,
      incidentId: null,
      incidentUpdateId: null,
    });
    const last = own.at(-1);
    const updated = at(c.updated_at);
    if (last && last.status !== c.status && updated > last.at) {
      all.push({ componentId, status: c.status, at: updated, incidentId: null, incidentUpdateId: null });
    }
  }
  return all;
}

async function writeStatusHistory(tx: DbOrTx, rows: StatusChangeRow[]): Promise<number> {
  const key = (r: { componentId: string; status: string; at: Date; incidentUpdateId: string | null }) =>
    `${r.componentId}|${r.status}|${r.at.toISOString()}|${r.incidentUpdateId ?? ""}`;
  const existing = await tx.componentStatusChange.findMany({
    where: { source: "import", componentId: { in: [...new Set(rows.map((r) => r.componentId))] } },
    select: { componentId: true, status: true, at: true, incidentUpdateId: true },
  });
  const have = new Set(existing.map(key));
  const missing = new Map<string, StatusChangeRow>();
  for (const row of rows) if (!have.has(key(row))) missing.set(key(row), row);
  await tx.componentStatusChange.createMany({
    data: [...missing.values()].map((row) => ({ ...row, source: "import" as const })),
  });
  return missing.size;
}

/** Imports a checked Statuspage export (see read-statuspage-export.ts) in one transaction. */
export async function importStatuspage(options: { db: Db; data: StatuspageExport }): Promise<ImportCounts> {
  const { db, data } = options;
  const counts: ImportCounts = { groups: 0, components: 0, incidents: 0, maintenances: 0, updates: 0, statusChanges: 0 };
  await db.$transaction(
    async (tx) => {
      const settings = await tx.pageSettings.findUnique({ where: { id: 1 } });
      const exportedZone = data.page.time_zone && isValidTimeZone(data.page.time_zone) ? data.page.time_zone : "UTC";
      // An existing page keeps its own name and zone; a new installation takes the old page's.
      if (!settings) await tx.pageSettings.create({ data: { id: 1, name: data.page.name, timeZone: exportedZone } });
      const timeZone = settings?.timeZone ?? exportedZone;

      const { componentIds, components } = await importComponents(tx, data, timeZone, counts);
      const changes: StatusChangeRow[] = [];
      for (const incident of data.incidents) await importIncident(tx, incident, "incident", componentIds, changes, counts);
      for (const maintenance of data.maintenances)
        await importIncident(tx, maintenance, "maintenance", componentIds, changes, counts);

      const firstOldStatus = new Map<string, ComponentStatus>();
      const chronological = [...data.incidents, ...data.maintenances]
        .flatMap((i) => i.incident_updates)
        .sort((a, b) => at(a.display_at ?? a.created_at).getTime() - at(b.display_at ?? b.created_at).getTime());
      for (const u of chronological) {
        for (const a of u.affected_components ?? []) {
          const componentId = componentIds.get(a.code);
          if (componentId && !firstOldStatus.has(componentId)) firstOldStatus.set(componentId, a.old_status);
        }
      }
      counts.statusChanges = await writeStatusHistory(tx, completeHistory(changes, components, componentIds, firstOldStatus));
      await notifyPublicChange(tx, { all: true });
    },
    { maxWait: 10_000, timeout: 300_000 },
  );
  return counts;
}
