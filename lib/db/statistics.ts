import type { Db } from "./client.ts";

/**
 * Runs ANALYZE on a table whose planner statistics lag behind it: at least `minChanges` rows
 * inserted, updated or deleted since it was last analyzed (PostgreSQL's own count, which
 * autovacuum acts on only at its next round, a minute or more later). For work about to walk
 * a table that may just have grown (100,000 subscribers imported, then an incident): planned from
 * the old statistics, an ordered walk by primary key became a scan and sort of the whole table.
 * A table being vacuumed or analyzed already is skipped (SKIP_LOCKED), never waited for. Outside
 * a transaction (`Db`), so that the new statistics are everyone's at once. ANALYZE needs the
 * table's owner (Upstate's user, which migrated it); without that PostgreSQL only warns.
 */
export async function analyzeIfStale(db: Db, table: "Subscriber", minChanges = 1000): Promise<boolean> {
  const [stats] = await db.$queryRaw<{ changes: bigint }[]>`
    SELECT n_mod_since_analyze AS changes FROM pg_stat_user_tables WHERE relid = ${`"${table}"`}::regclass`;
  if (!stats || stats.changes < BigInt(minChanges)) return false;
  await db.$executeRawUnsafe(`ANALYZE (SKIP_LOCKED) "${table}"`);
  return true;
}
