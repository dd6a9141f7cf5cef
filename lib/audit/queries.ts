import type { DbOrTx } from "../db/client.ts";

export const AUDIT_PAGE_SIZE = 100;

export type AuditFilter = { actor?: string; targetType?: string; action?: string };

/** The newest audit entries first, filtered by actor email, target type and action (contains). */
export async function listAuditEntries(db: DbOrTx, filter: AuditFilter) {
  const contains = (value?: string) => (value?.trim() ? { contains: value.trim(), mode: "insensitive" as const } : undefined);
  return db.auditLog.findMany({
    where: {
      actorEmail: contains(filter.actor),
      targetType: filter.targetType?.trim() || undefined,
      action: contains(filter.action),
    },
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE,
  });
}

export async function listAuditTargetTypes(db: DbOrTx): Promise<string[]> {
  const rows = await db.auditLog.findMany({
    distinct: ["targetType"],
    select: { targetType: true },
    orderBy: { targetType: "asc" },
  });
  return rows.map((r) => r.targetType);
}
