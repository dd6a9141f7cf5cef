import type { DbOrTx } from "../db/client.ts";
import { sortUpdatesNewestFirst } from "./derive.ts";

/** Incidents for the staff list: open ones first, then the newest; drafts and maintenance alike. */
export async function listIncidentsForStaff(db: DbOrTx, options: { take?: number } = {}) {
  const incidents = await db.incident.findMany({
    where: { kind: "incident" },
    orderBy: [{ startedAt: "desc" }],
    take: options.take ?? 100,
    select: {
      id: true,
      name: true,
      status: true,
      impact: true,
      startedAt: true,
      resolvedAt: true,
      _count: { select: { updates: true } },
    },
  });
  return [...incidents.filter((i) => !i.resolvedAt), ...incidents.filter((i) => i.resolvedAt)];
}

/** Everything the staff incident page edits, with versions for conflict checks; null when gone. */
export async function getIncidentForStaff(db: DbOrTx, id: string) {
  const incident = await db.incident.findUnique({
    where: { id },
    include: {
      updates: { include: { componentChanges: true, author: { select: { email: true } } } },
      components: { include: { component: { select: { id: true, name: true, status: true } } } },
      postmortem: true,
      timelineEvents: { orderBy: [{ at: "asc" }, { createdAt: "asc" }] },
    },
  });
  if (!incident) return null;
  return { ...incident, updates: sortUpdatesNewestFirst(incident.updates) };
}

/** Components in page order, for the pickers of incident forms. */
export async function listComponentsForPicker(db: DbOrTx) {
  return db.component.findMany({
    orderBy: [{ group: { position: "asc" } }, { position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, status: true, group: { select: { name: true } } },
  });
}
