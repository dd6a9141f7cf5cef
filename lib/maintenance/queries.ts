import type { DbOrTx } from "../db/client.ts";
import { sortUpdatesNewestFirst } from "../incidents/derive.ts";

/**
 * Maintenance windows for the staff list: those not completed first (soonest first), then the
 * completed ones, newest first (`cancelledAt` tells a cancelled window from one that ran).
 */
export async function listMaintenanceForStaff(db: DbOrTx, options: { take?: number } = {}) {
  const windows = await db.incident.findMany({
    where: { kind: "maintenance" },
    orderBy: [{ scheduledFor: "desc" }, { createdAt: "desc" }],
    take: options.take ?? 100,
    include: { components: { include: { component: { select: { name: true } } } } },
  });
  const open = windows.filter((m) => m.status !== "completed").reverse();
  return [...open, ...windows.filter((m) => m.status === "completed")];
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
  return { ...window, updates: sortUpdatesNewestFirst(window.updates) };
}
