import { beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeIncident } from "../../tests/support/factories.ts";
import type { Db } from "../db/client.ts";
import { QUEUES } from "../jobs/queue.ts";
import { FAN_OUT_BATCH, fanOut } from "./fan-out.ts";

// A large fan-out refreshes the planner's statistics where they lag: the subscribers it walks by
// id (lib/db/statistics.ts), and the delivery queues' tables, so that pg-boss's fetch of the next
// jobs is planned for the jobs now waiting: in (priority, created_on, id) order from an index,
// reading only the few it takes, not sorting every waiting job (lib/jobs/queue.ts).

let db: Db;

beforeAll(async () => {
  ({ db } = await ownDatabase());
  await db.pageSettings.create({ data: { id: 1, name: "Acme", timeZone: "UTC" } });
});

const SUBSCRIBERS = FAN_OUT_BATCH + 500;

describe("a large fan-out", () => {
  it("analyzes freshly added subscribers first, then the email queue, whose next jobs are fetched in order from an index", async () => {
    const { partition } = (
      await db.$queryRaw<
        { partition: string }[]
      >`SELECT partition_name AS partition FROM pgboss.queue WHERE name = ${QUEUES.email}`
    )[0]!;
    // This database is the test's own: autovacuum is kept from analyzing these tables meanwhile,
    // so that what the test sees analyzed, the fan-out analyzed.
    await db.$executeRawUnsafe(`ALTER TABLE "Subscriber" SET (autovacuum_enabled = false)`);
    await db.$executeRawUnsafe(`ALTER TABLE pgboss."${partition}" SET (autovacuum_enabled = false)`);
    await db.$executeRaw`
      INSERT INTO "Subscriber" (id, channel, target, state, "manageTokenHash", "confirmedAt", "createdAt", "updatedAt")
      SELECT 'stat' || i, 'email', 'reader' || i || '@example.org', 'active', md5('stat' || i), now() - interval '1 day', now() - interval '1 day', now()
      FROM generate_series(1, ${SUBSCRIBERS}) AS i`;
    // The rows the planner's statistics count in a table (-1 before its first analysis).
    const counted = async (table: string) =>
      (await db.$queryRaw<{ n: number }[]>`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = ${table}`)[0]!.n;
    expect(await counted(partition)).toBeLessThan(SUBSCRIBERS);

    // PostgreSQL counts the new rows a moment after they commit; the fan-out reads that count.
    const pendingChanges = async () =>
      (
        await db.$queryRaw<{ n: bigint }[]>`SELECT n_mod_since_analyze AS n FROM pg_stat_user_tables WHERE relname = 'Subscriber'`
      )[0]!.n;
    await expect.poll(pendingChanges, { timeout: 15_000 }).toBeGreaterThanOrEqual(BigInt(SUBSCRIBERS));
    expect(await counted("Subscriber")).toBeLessThan(SUBSCRIBERS);

    // An incident that names no component, told to subscribers (the default): everyone hears.
    await makeIncident(db);
    const notification = await db.notification.findFirstOrThrow({ where: { kind: "incident" } });
    expect(await fanOut(db, notification.id)).toEqual({ queued: SUBSCRIBERS });

    // The subscribers it walked were analyzed before it started.
    expect(await counted("Subscriber")).toBeGreaterThanOrEqual(SUBSCRIBERS);
    // Analyzed after the first batch: at least that batch's jobs are counted.
    expect(await counted(partition)).toBeGreaterThanOrEqual(FAN_OUT_BATCH);
    const [row] = await db.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
      `EXPLAIN (FORMAT JSON) SELECT id FROM pgboss.job
       WHERE name = $1 AND state < 'active' AND start_after < now()
       ORDER BY priority DESC, created_on, id LIMIT 100 FOR UPDATE SKIP LOCKED`,
      QUEUES.email,
    );
    const nodes = JSON.stringify(row?.["QUERY PLAN"]);
    expect(nodes).not.toContain('"Sort"');
    expect(nodes).toContain('"Index Scan"');
  });
});
