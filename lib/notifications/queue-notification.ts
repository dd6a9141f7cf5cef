import type { DbOrTx } from "../db/client.ts";
import { newId } from "../db/new-id.ts";
import { queuedTogether } from "../db/queued-together.ts";
import type { ComponentStatus } from "../domain.ts";
import { enqueue, enqueueMany, QUEUES } from "../jobs/queue.ts";

// Every write that subscribers hear about calls one of these inside its transaction: the
// notification row and its fan-out job commit with the change, or not at all.

export type NewNotification =
  | { kind: "incident"; incidentId: string; updateId: string }
  | { kind: "postmortem"; incidentId: string }
  | { kind: "maintenance_reminder"; incidentId: string }
  | { kind: "component"; componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus; at: Date }
  | { kind: "test"; subscriberId: string }
  | { kind: "staff_reminder"; incidentId: string; minutes: number };

export async function queueNotification(tx: DbOrTx, notification: NewNotification): Promise<string> {
  const row = await tx.notification.create({ data: notificationRow(notification), select: { id: true } });
  await enqueue(tx, QUEUES.fanOut, { notificationId: row.id }, { singletonKey: row.id });
  return row.id;
}

/**
 * Several notifications in two statements (a batch of writes in one transaction), in order. Raw,
 * with one array per column: the same statement for any number of rows.
 */
export async function queueNotifications(tx: DbOrTx, notifications: NewNotification[]): Promise<string[]> {
  if (notifications.length === 0) return [];
  const rows = notifications.map((notification) => ({ id: newId(), ...notificationRow(notification) }));
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
  // `createdAt` is when the statement ran, as Prisma's default gave it (the column's default is when
  // the transaction began): the fan-out reaches the subscribers confirmed before it.
  // The jobs name the rows by the ids made here: both inserts are handed over together.
  await queuedTogether([
    tx.$executeRaw`INSERT INTO "Notification" (id, kind, "incidentId", "updateId", "componentId", "teamOnly", "onlySubscriberId", data, "createdAt")
    SELECT id, kind, incident_id, update_id, component_id, team_only, only_subscriber_id, data, statement_timestamp()
    FROM unnest(
      ${column("id")}::text[], ${column("kind")}::text[]::"NotificationKind"[], ${column("incidentId")}::text[],
      ${column("updateId")}::text[], ${column("componentId")}::text[], ${column("teamOnly")}::boolean[],
      ${column("onlySubscriberId")}::text[], ${rows.map((row) => (row.data === undefined ? null : JSON.stringify(row.data)))}::text[]::jsonb[]
    ) WITH ORDINALITY AS notification(id, kind, incident_id, update_id, component_id, team_only, only_subscriber_id, data, n)
    ORDER BY n`,
    enqueueMany(
      tx,
      QUEUES.fanOut,
      rows.map((row) => ({ data: { notificationId: row.id }, singletonKey: row.id })),
    ),
  ]);
  return rows.map((row) => row.id);
}

function notificationRow(notification: NewNotification) {
  const data =
    notification.kind === "component"
      ? { oldStatus: notification.oldStatus, newStatus: notification.newStatus, at: notification.at.toISOString() }
      : notification.kind === "staff_reminder"
        ? { minutes: notification.minutes }
        : undefined;
  return {
    kind: notification.kind,
    incidentId: "incidentId" in notification ? notification.incidentId : null,
    updateId: notification.kind === "incident" ? notification.updateId : null,
    componentId: notification.kind === "component" ? notification.componentId : null,
    teamOnly: notification.kind === "test" || notification.kind === "staff_reminder",
    onlySubscriberId: notification.kind === "test" ? notification.subscriberId : null,
    data,
  };
}
