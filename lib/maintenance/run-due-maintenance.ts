import type { Db } from "../db/client.ts";
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
    if (await advanceMaintenance({ db, actor: null, input: { incidentId: m.id }, step: "start", at: m.scheduledFor! }))
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
    if (await advanceMaintenance({ db, actor: null, input: { incidentId: m.id }, step: "complete", at: m.scheduledUntil! })) {
      completed.push(m.id);
    }
  }
  return { started, completed };
}
