import type { DbOrTx } from "../db/client.ts";
import type { ComponentStatus } from "../domain.ts";
import { formatMatchers, type Labels, storedMatchers } from "./matchers.ts";

export const FIRING_LIST_LIMIT = 100;

export type AlertMappingRow = {
  id: string;
  name: string;
  matchers: string;
  componentId: string;
  componentName: string;
  status: ComponentStatus;
  minHoldSeconds: number;
  templateId: string | null;
  templateName: string | null;
};

export type ComponentAlertRow = {
  componentId: string;
  componentName: string;
  componentStatus: ComponentStatus;
  /** What the alerts set (null: staff took it over, or the alerts are not in charge). */
  appliedStatus: ComponentStatus | null;
  appliedAt: Date | null;
  releaseAt: Date | null;
  overriddenAt: Date | null;
  incidentId: string | null;
};

/** The mappings, in the order they were made. */
export async function listAlertMappings(db: DbOrTx): Promise<AlertMappingRow[]> {
  const mappings = await db.alertMapping.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { component: { select: { name: true } }, template: { select: { name: true } } },
  });
  return mappings.map((mapping) => ({
    id: mapping.id,
    name: mapping.name,
    matchers: formatMatchers(storedMatchers(mapping.matchers)),
    componentId: mapping.componentId,
    componentName: mapping.component.name,
    status: mapping.status,
    minHoldSeconds: mapping.minHoldSeconds,
    templateId: mapping.templateId,
    templateName: mapping.template?.name ?? null,
  }));
}

/** The components alerts are in charge of now (or staff took over from them). */
export async function listComponentAlertStates(db: DbOrTx): Promise<ComponentAlertRow[]> {
  const states = await db.componentAlertState.findMany({
    where: { OR: [{ appliedStatus: { not: null } }, { overriddenAt: { not: null } }] },
    include: { component: { select: { name: true, status: true } } },
    orderBy: { componentId: "asc" },
  });
  return states.map((state) => ({
    componentId: state.componentId,
    componentName: state.component.name,
    componentStatus: state.component.status,
    appliedStatus: state.appliedStatus,
    appliedAt: state.appliedAt,
    releaseAt: state.releaseAt,
    overriddenAt: state.overriddenAt,
    incidentId: state.incidentId,
  }));
}

/** One line for staff next to the component: who is in charge of its status. */
export function alertStateNote(state: ComponentAlertRow): string {
  if (state.overriddenAt) return "Overridden by staff while alerts fire: alerts leave it alone until they all resolve.";
  if (state.releaseAt) return "Set by alerts, which have resolved: it returns to operational after the minimum hold.";
  return "Set by alerts: it returns to operational when they all resolve.";
}

/** The alerts firing now, newest first. */
export async function listFiringAlerts(db: DbOrTx) {
  const alerts = await db.receivedAlert.findMany({
    where: { resolvedAt: null },
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
    take: FIRING_LIST_LIMIT,
  });
  return alerts.map((alert) => ({
    id: alert.id,
    source: alert.source,
    startsAt: alert.startsAt,
    lastSeenAt: alert.lastSeenAt,
    labels: (alert.labels ?? {}) as Labels,
  }));
}

/** Incidents opened by alerts from a mapping's template, newest first. */
export async function listAlertIncidents(db: DbOrTx, limit = 20) {
  const rows = await db.alertIncident.findMany({
    orderBy: { openedAt: "desc" },
    take: limit,
    include: { incident: { select: { name: true, status: true } } },
  });
  return rows.map((row) => ({
    incidentId: row.incidentId,
    name: row.incident.name,
    status: row.incident.status,
    openedAt: row.openedAt,
  }));
}
