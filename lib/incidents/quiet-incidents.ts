import type { DbOrTx } from "../db/client.ts";

/** An open incident and when it was last updated (its newest update's posting, else its creation). */
export type QuietIncident = { id: string; name: string; lastUpdateAt: Date; quietMinutes: number };

/** The page's staff reminder interval in minutes, or null when reminders are off. */
export async function staffReminderMinutes(db: DbOrTx): Promise<number | null> {
  const settings = await db.pageSettings.findUnique({ where: { id: 1 }, select: { staffReminderMinutes: true } });
  // No settings row yet: the column's default.
  return settings ? settings.staffReminderMinutes : 30;
}

/** Whether an incident last updated at `lastUpdateAt` has gone quiet for the interval (null: never). */
export function isQuiet(lastUpdateAt: Date, intervalMinutes: number | null, now: Date): boolean {
  return intervalMinutes !== null && now.getTime() - lastUpdateAt.getTime() >= intervalMinutes * 60_000;
}

/**
 * The open incidents (not maintenance) that have had no update for the page's reminder interval,
 * longest quiet first: the admin flags them on the dashboard and the incident's page.
 */
export async function listQuietIncidents(db: DbOrTx, now: Date = new Date()): Promise<QuietIncident[]> {
  const interval = await staffReminderMinutes(db);
  if (interval === null) return [];
  const rows = await db.$queryRaw<{ id: string; name: string; lastUpdateAt: Date }[]>`
    SELECT i.id, i.name, GREATEST(i."createdAt", MAX(u."createdAt")) AS "lastUpdateAt"
    FROM "Incident" i LEFT JOIN "IncidentUpdate" u ON u."incidentId" = i.id
    WHERE i.kind = 'incident' AND i.status <> 'resolved'
    GROUP BY i.id
    ORDER BY 3 ASC`;
  return rows
    .filter((row) => isQuiet(row.lastUpdateAt, interval, now))
    .map((row) => ({ ...row, quietMinutes: Math.floor((now.getTime() - row.lastUpdateAt.getTime()) / 60_000) }));
}
