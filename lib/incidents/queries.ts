import type { DbOrTx } from "../db/client.ts";
import type { ComponentStatus, Impact, IncidentStatus, TimelineEventKind } from "../domain.ts";
import { sortUpdatesNewestFirst } from "./derive.ts";

export type IncidentUpdateView = {
  id: string;
  status: IncidentStatus;
  cancelsWindow: boolean;
  body: string;
  displayAt: Date;
  createdAt: Date;
  editedAt: Date | null;
  componentChanges: { componentName: string; oldStatus: ComponentStatus; newStatus: ComponentStatus }[];
};

/**
 * What every read model of an incident or maintenance shows (the incident page, the status page's
 * summary, a history row, the public API's incident): each adds its own fields to these.
 */
export type IncidentBase = {
  id: string;
  kind: "incident" | "maintenance";
  name: string;
  status: IncidentStatus;
  impact: Impact;
  startedAt: Date;
};

/** A maintenance's announced window (null for incidents). */
export type ScheduledWindow = { scheduledFor: Date | null; scheduledUntil: Date | null };

export type IncidentDetail = IncidentBase &
  ScheduledWindow & {
    resolvedAt: Date | null;
    cancelledAt: Date | null;
    components: { id: string; name: string }[];
    updates: IncidentUpdateView[];
    postmortem: { body: string; publishedAt: Date } | null;
    timeline: { id: string; at: Date; kind: TimelineEventKind; text: string }[];
  };

const ID_PATTERN = /^[a-z0-9]{1,40}$/i;

/** An incident as the public sees it (published postmortem only); null when there is none. */
export async function getPublicIncident(db: DbOrTx, id: string): Promise<IncidentDetail | null> {
  if (!ID_PATTERN.test(id)) return null;
  const incident = await db.incident.findUnique({
    where: { id },
    include: {
      components: { include: { component: { select: { id: true, name: true, position: true } } } },
      updates: { include: { componentChanges: true } },
      postmortem: true,
      timelineEvents: { orderBy: [{ at: "asc" }, { createdAt: "asc" }] },
    },
  });
  if (!incident) return null;
  return {
    id: incident.id,
    kind: incident.kind,
    name: incident.name,
    status: incident.status,
    impact: incident.impact,
    startedAt: incident.startedAt,
    resolvedAt: incident.resolvedAt,
    scheduledFor: incident.scheduledFor,
    scheduledUntil: incident.scheduledUntil,
    cancelledAt: incident.cancelledAt,
    components: incident.components
      .map((c) => c.component)
      .sort((a, b) => a.position - b.position)
      .map(({ id: componentId, name }) => ({ id: componentId, name })),
    updates: sortUpdatesNewestFirst(incident.updates).map((u) => ({
      id: u.id,
      status: u.status,
      cancelsWindow: u.cancelsWindow,
      body: u.body,
      displayAt: u.displayAt,
      createdAt: u.createdAt,
      editedAt: u.editedAt,
      componentChanges: u.componentChanges.map((c) => ({
        componentName: c.componentName,
        oldStatus: c.oldStatus,
        newStatus: c.newStatus,
      })),
    })),
    postmortem:
      incident.postmortem?.publishedAt != null
        ? { body: incident.postmortem.body, publishedAt: incident.postmortem.publishedAt }
        : null,
    timeline: incident.timelineEvents.map((e) => ({ id: e.id, at: e.at, kind: e.kind, text: e.text })),
  };
}
