import { systemActor } from "../auth/actor.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { queueNotification } from "../notifications/queue-notification.ts";
import { advanceMaintenance } from "./advance-maintenance.ts";

/**
 * Starts and completes the maintenance windows that are due, at their scheduled instants (so a
 * window that passed while the server was down is still recorded when it really happened).
 * Everything is read from the database, so it picks up after a restart.
 */
export async function runDueMaintenance(db: Db, now = new Date()): Promise<{ started: string[]; completed: string[] }> {
  const started: string[] = [];
  const completed: string[] = [];
  const toStart = await db.incident.findMany({
    where: { kind: "maintenance", autoStart: true, status: "scheduled", scheduledFor: { lte: now } },
    select: { id: true, scheduledFor: true },
  });
  for (const m of toStart) {
    if (
      await advanceMaintenance({
        db,
        actor: systemActor("scheduler"),
        input: { incidentId: m.id },
        step: "start",
        at: m.scheduledFor!,
      })
    )
      started.push(m.id);
  }
  const toComplete = await db.incident.findMany({
    where: {
      kind: "maintenance",
      autoComplete: true,
      status: { in: ["in_progress", "verifying"] },
      scheduledUntil: { lte: now },
    },
    select: { id: true, scheduledUntil: true },
  });
  for (const m of toComplete) {
    if (
      await advanceMaintenance({
        db,
        actor: systemActor("scheduler"),
        input: { incidentId: m.id },
        step: "complete",
        at: m.scheduledUntil!,
      })
    ) {
      completed.push(m.id);
    }
  }
  return { started, completed };
}

/**
 * Tells subscribers of the windows starting within their reminder time. Each window is claimed
 * by a conditional update, so with several instances running it is reminded once.
 */
export async function remindDueMaintenance(db: Db, now = new Date()): Promise<string[]> {
  const candidates = await db.incident.findMany({
    where: {
      kind: "maintenance",
      status: "scheduled",
      remindBeforeMinutes: { not: null },
      remindedAt: null,
      scheduledFor: { gt: now },
    },
    select: {
      id: true,
      createdAt: true,
      scheduledFor: true,
      remindBeforeMinutes: true,
      updates: { orderBy: { createdAt: "asc" }, take: 1, select: { deliverNotifications: true } },
    },
  });
  const remindAt = (m: (typeof candidates)[number]) => (m.scheduledFor?.getTime() ?? 0) - (m.remindBeforeMinutes ?? 0) * 60_000;
  // Not for a window announced without notifying anyone, nor one announced inside its own
  // reminder time (the announcement itself was the reminder).
  const due = candidates.filter(
    (m) => remindAt(m) <= now.getTime() && remindAt(m) > m.createdAt.getTime() && m.updates[0]?.deliverNotifications !== false,
  );
  const reminded: string[] = [];
  for (const window of due) {
    const claimed = await inTransaction(db, async (tx) => {
      const { count } = await tx.incident.updateMany({ where: { id: window.id, remindedAt: null }, data: { remindedAt: now } });
      if (count === 1) await queueNotification(tx, { kind: "maintenance_reminder", incidentId: window.id });
      return count === 1;
    });
    if (claimed) reminded.push(window.id);
  }
  return reminded;
}
