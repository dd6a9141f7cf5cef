import { type Actor, actorLabel, type SystemActor } from "../auth/actor.ts";
import type { DbOrTx } from "../db/client.ts";

/** Who the audit log names for changes nobody clicked: due maintenance windows. */
export const SCHEDULER_ACTOR_EMAIL = "scheduler";

/**
 * One audit-log row; call it inside the transaction of the change it records. A staff member is
 * recorded by account, an API key by key (`actorEmail` then reads `api-key:<name>`), Upstate
 * itself by name; null is the scheduler.
 */
export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: auditRow(entry) });
}

/** Several audit-log rows in one statement (a batch of writes in one transaction). */
export async function writeAudits(db: DbOrTx, entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await db.auditLog.createMany({ data: entries.map(auditRow) });
}

export type AuditEntry = {
  actor: Actor | SystemActor | null;
  action: string;
  targetType: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
};

function auditRow(entry: AuditEntry) {
  const { actor } = entry;
  return {
    actorId: actor?.kind === "staff" ? actor.id : null,
    apiKeyId: actor?.kind === "apiKey" ? actor.id : null,
    actorEmail: actor ? actorLabel(actor) : SCHEDULER_ACTOR_EMAIL,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    before: toJson(entry.before),
    after: toJson(entry.after),
  };
}

// Dates become ISO strings; undefined stays out of the row.
function toJson(value: unknown) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
