import type { DbOrTx } from "../db/client.ts";
import { sortUpdatesNewestFirst } from "../incidents/derive.ts";
import { CANCELLED_ACTION } from "./cancel-maintenance.ts";

async function cancelledAmong(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  const rows = await db.auditLog.findMany({
    where: { action: CANCELLED_ACTION, targetType: "incident", targetId: { in: ids } },
    select: { targetId: true },
  });
  return new Set(rows.map((r) => r.targetId!));
}

/**
 * Maintenance windows for the staff list: those not completed first (soonest first), then the
 * completed ones, newest first. `cancelled` tells a cancelled window from one that ran.
 */
export async function listMaintenanceForStaff(db: DbOrTx, options: { take?: number } = {}) {
  const windows = await db.incident.findMany({
    where: { kind: "maintenance" },
    orderBy: [{ scheduledFor: "desc" }, { createdAt: "desc" }],
    take: options.take ?? 100,
    include: { components: { include: { component: { select: { name: true } } } } },
  });
  const cancelled = await cancelledAmong(
    db,
    windows.map((m) => m.id),
  );
  const rows = windows.map((m) => ({ ...m, cancelled: cancelled.has(m.id) }));
  const open = rows.filter((m) => m.status !== "completed").reverse();
  return [...open, ...rows.filter((m) => m.status === "completed")];
}

/** Everything the staff maintenance page edits, with versions for conflict checks; null when gone. */
export async function getMaintenanceForStaff(db: DbOrTx, id: string) {
  const window = await db.incident.findUnique({
    where: { id },
    include: {
      updates: { include: { componentChanges: true, author: { select: { email: true } } } },
      components: { include: { component: { select: { id: true, name: true, status: true } } } },
    },
  });
  if (window?.kind !== "maintenance") return null;
  const cancelled = await cancelledAmong(db, [window.id]);
  return { ...window, updates: sortUpdatesNewestFirst(window.updates), cancelled: cancelled.has(window.id) };
}
