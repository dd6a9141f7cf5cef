import { computeOverallStatus, type OverallStatus } from "../components/overall-status.ts";
import type { DbOrTx } from "../db/client.ts";
import type { ComponentStatus } from "../domain.ts";
import { getPageSettings } from "../page/queries.ts";
import { type ApiIncident, type ApiUpdate, getApiIncident, type PublicApiData } from "../public-api/queries.ts";
import { resolvePublicBase } from "../urls/public-url.ts";

// Everything a message about one notification says, read once per notification (every recipient
// of a fan-out gets the same words) and kept in memory a while.

export type ComponentChange = { componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus; at: Date };

export type MessageContext = {
  notificationId: string;
  kind: "incident" | "postmortem" | "maintenance_reminder" | "component" | "test" | "staff_reminder";
  /** Staff reminders: how long the incident had gone without an update, in minutes. */
  reminderMinutes: number | null;
  page: PublicApiData["page"] & { senderName: string | null; replyTo: string | null };
  publicBase: string;
  /** Everything the Statuspage serializers need (incidents: just this one). */
  data: PublicApiData;
  incident: ApiIncident | null;
  /** The update the message is about (incident notifications). */
  update: ApiUpdate | null;
  componentChange: ComponentChange | null;
  /** The components (and their groups) the message concerns, for component subscriptions. */
  componentIds: string[];
  groupIds: string[];
  /** The page's overall status when the message is composed. */
  overall: OverallStatus;
};

export async function loadMessageContext(db: DbOrTx, notificationId: string): Promise<MessageContext | null> {
  const notification = await db.notification.findUnique({ where: { id: notificationId } });
  if (!notification) return null;
  const [settings, settingsRow, groups, components, incident, open] = await Promise.all([
    getPageSettings(db),
    db.pageSettings.findUnique({ where: { id: 1 }, select: { updatedAt: true, mailSenderName: true, mailReplyTo: true } }),
    db.componentGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    db.component.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    notification.incidentId ? getApiIncident(db, notification.incidentId) : Promise.resolve(null),
    db.incident.findMany({
      where: {
        kind: "incident",
        status: { not: "resolved" },
        OR: [{ postmortem: { is: null } }, { postmortem: { publishedAt: null } }],
      },
      select: { impact: true },
    }),
  ]);
  // An incident deleted before its fan-out ran: nothing left to tell.
  if (notification.incidentId && !incident) return null;
  const data: PublicApiData = {
    page: { name: settings.name, timeZone: settings.timeZone, updatedAt: settingsRow?.updatedAt ?? new Date(0) },
    publicBase: resolvePublicBase({ pagePublicUrl: settings.publicUrl }),
    groups,
    components,
    incidents: incident && incident.kind === "incident" ? [incident] : [],
    maintenances: incident && incident.kind === "maintenance" ? [incident] : [],
  };
  const update = incident?.updates.find((u) => u.id === notification.updateId) ?? null;
  const stored = notification.data as { oldStatus: ComponentStatus; newStatus: ComponentStatus; at: string } | null;
  const componentChange =
    notification.componentId && stored
      ? {
          componentId: notification.componentId,
          oldStatus: stored.oldStatus,
          newStatus: stored.newStatus,
          at: new Date(stored.at),
        }
      : null;
  const componentIds = componentChange
    ? [componentChange.componentId]
    : [
        ...new Set([
          ...(incident?.componentIds ?? []),
          ...(update?.changes.flatMap((c) => (c.componentId ? [c.componentId] : [])) ?? []),
        ]),
      ];
  const groupIds = [
    ...new Set(components.filter((c) => componentIds.includes(c.id) && c.groupId).map((c) => c.groupId as string)),
  ];
  return {
    notificationId,
    kind: notification.kind,
    reminderMinutes:
      notification.kind === "staff_reminder"
        ? Number((notification.data as { minutes?: unknown } | null)?.minutes) || null
        : null,
    page: { ...data.page, senderName: settingsRow?.mailSenderName ?? null, replyTo: settingsRow?.mailReplyTo ?? null },
    publicBase: data.publicBase,
    data,
    incident,
    update,
    componentChange,
    componentIds,
    groupIds,
    overall: computeOverallStatus({
      componentStatuses: components.map((c) => c.status),
      openIncidentImpacts: open.map((i) => i.impact),
    }),
  };
}

const KEPT = 50;
const TTL_MS = 5 * 60_000;
const kept = new Map<string, { at: number; context: Promise<MessageContext | null> }>();

/** loadMessageContext, shared by the deliveries of one notification in this process. */
export function messageContext(db: DbOrTx, notificationId: string): Promise<MessageContext | null> {
  const now = Date.now();
  const hit = kept.get(notificationId);
  if (hit && now - hit.at < TTL_MS) return hit.context;
  if (kept.size >= KEPT) kept.delete(kept.keys().next().value as string);
  const context = loadMessageContext(db, notificationId);
  context.catch(() => kept.delete(notificationId));
  kept.set(notificationId, { at: now, context });
  return context;
}
