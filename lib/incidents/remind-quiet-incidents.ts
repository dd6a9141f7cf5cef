import { writeAudit } from "../audit/write-audit.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { queueNotification } from "../notifications/queue-notification.ts";
import { staffReminderMinutes } from "./quiet-incidents.ts";

/**
 * Tells the team channels about each open incident that has had no update for the page's
 * reminder interval, and again once per interval while it stays quiet (an update restarts the
 * clock). Run from the scheduler's tick. Each incident is claimed by one conditional UPDATE: with
 * several instances ticking at once, a second one finds the row already stamped and skips it, so
 * every reminder is sent exactly once.
 */
export async function remindQuietIncidents(db: Db, now: Date = new Date()): Promise<string[]> {
  const interval = await staffReminderMinutes(db);
  if (interval === null) return [];
  const quietSince = new Date(now.getTime() - interval * 60_000);
  return inTransaction(db, async (tx) => {
    const claimed = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Incident" AS i SET "staffRemindedAt" = ${now}
      FROM (
        SELECT o.id, GREATEST(o."createdAt", MAX(u."createdAt")) AS "lastUpdateAt"
        FROM "Incident" o LEFT JOIN "IncidentUpdate" u ON u."incidentId" = o.id
        WHERE o.kind = 'incident' AND o.status <> 'resolved'
        GROUP BY o.id
      ) AS quiet
      WHERE i.id = quiet.id
        AND i.kind = 'incident' AND i.status <> 'resolved'
        AND quiet."lastUpdateAt" <= ${quietSince}
        AND (i."staffRemindedAt" IS NULL OR i."staffRemindedAt" < quiet."lastUpdateAt" OR i."staffRemindedAt" <= ${quietSince})
      RETURNING i.id`;
    for (const { id } of claimed) {
      await queueNotification(tx, { kind: "staff_reminder", incidentId: id, minutes: interval });
      await writeAudit(tx, {
        actor: null,
        action: "incident.staff_reminder",
        targetType: "incident",
        targetId: id,
        after: { minutes: interval },
      });
    }
    return claimed.map((row) => row.id);
  });
}
