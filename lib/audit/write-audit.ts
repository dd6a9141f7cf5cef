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
  await writeAudits(db, [entry]);
}

/**
 * Several audit-log rows in one statement (a batch of writes in one transaction), in order (ids
 * ascending). Raw, with one array per column: the same statement for any number of rows.
 */
export async function writeAudits(db: DbOrTx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(auditRow);
  const column = <K extends keyof AuditRow>(key: K) => rows.map((row) => row[key]);
  // `at` is when the statement ran (the column's default is when the transaction began), as
  // Prisma's own default gave it.
  await db.$executeRaw`INSERT INTO "AuditLog" ("actorId", "apiKeyId", "actorEmail", action, "targetType", "targetId", before, after, at)
    SELECT actor_id, api_key_id, actor_email, action, target_type, target_id, before, after, statement_timestamp()
    FROM unnest(
      ${column("actorId")}::text[], ${column("apiKeyId")}::text[], ${column("actorEmail")}::text[],
      ${column("action")}::text[], ${column("targetType")}::text[], ${column("targetId")}::text[],
      ${column("before")}::text[]::jsonb[], ${column("after")}::text[]::jsonb[]
    ) WITH ORDINALITY AS entry(actor_id, api_key_id, actor_email, action, target_type, target_id, before, after, n)
    ORDER BY n`;
}

export type AuditEntry = {
  actor: Actor | SystemActor | null;
  action: string;
  targetType: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
};

type AuditRow = {
  actorId: string | null;
  apiKeyId: string | null;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string | null;
  /** JSON text, or null when there is nothing to record. */
  before: string | null;
  after: string | null;
};

function auditRow(entry: AuditEntry): AuditRow {
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

// Dates become ISO strings; undefined (nothing to record) is SQL NULL.
function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
