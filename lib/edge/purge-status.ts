import type { DbOrTx } from "../db/client.ts";

// The outcome of the last edge purges, in one row, for the admin: a failing purge never fails the
// write that caused it, so staff learn of it here (and in the server's log).

export type PurgeStatus = {
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  /** The last failure's message, kept until a purge succeeds. */
  lastError: string | null;
  lastTags: string[];
};

export async function recordPurgeOutcome(db: DbOrTx, outcome: { tags: readonly string[]; error?: string; at?: Date }) {
  const at = outcome.at ?? new Date();
  const fields =
    outcome.error === undefined
      ? { lastAttemptAt: at, lastSuccessAt: at, lastError: null, lastTags: outcome.tags.join(" ") }
      : { lastAttemptAt: at, lastFailureAt: at, lastError: outcome.error.slice(0, 1000), lastTags: outcome.tags.join(" ") };
  await db.edgePurgeStatus.upsert({ where: { id: 1 }, create: { id: 1, ...fields }, update: fields });
}

export async function readPurgeStatus(db: DbOrTx): Promise<PurgeStatus | null> {
  const row = await db.edgePurgeStatus.findUnique({ where: { id: 1 } });
  if (!row) return null;
  return {
    lastAttemptAt: row.lastAttemptAt,
    lastSuccessAt: row.lastSuccessAt,
    lastFailureAt: row.lastFailureAt,
    lastError: row.lastError,
    lastTags: row.lastTags ? row.lastTags.split(" ") : [],
  };
}
