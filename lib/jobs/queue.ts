import PgBoss from "pg-boss";
import type { Db, DbOrTx } from "../db/client.ts";
import { failureLog } from "../log/failure-log.ts";

// The one durable job queue (pg-boss, in PostgreSQL's `pgboss` schema). Jobs are enqueued inside
// the transaction of the write that causes them, so a rolled-back write leaves no job, and every
// Upstate process runs workers on the same queue, so several instances share the work and each
// job runs once.

export const QUEUES = {
  /** Works out who hears about one notification and queues one delivery job each, in batches. */
  fanOut: "notify-fan-out",
  /** One email. */
  email: "notify-email",
  /** One webhook, Slack, Discord or Teams message. */
  webhook: "notify-webhook",
  /** Returns a component to operational once its alerts resolved and its minimum hold is over. */
  alertRelease: "alert-release",
  /** Opens the incident a firing alert's mapping asks for. */
  alertIncident: "alert-incident",
  /** The cache tags one change purges at the edge (lib/edge/purge-worker.ts). */
  edgePurge: "edge-purge",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

// Backoff with jitter (pg-boss doubles the delay and adds up to as much again at random): 12
// retries from 10 s add up to between 11 and 23 hours, so a message is retried for up to a day.
const RETRY = { retryLimit: 12, retryDelay: 10, retryBackoff: true } as const;
// A purge is retried soon (an edge that stays stale is the cost of waiting): from 1 s, doubling,
// for about an hour; past that, the edge's own s-maxage has replaced the page anyway.
const PURGE_RETRY = { retryLimit: 12, retryDelay: 1, retryBackoff: true } as const;

const SCHEMA = "pgboss";

function newBoss(connectionString: string, options: PgBoss.ConstructorOptions = {}): PgBoss {
  const boss = new PgBoss({
    connectionString,
    schema: SCHEMA,
    max: 4,
    application_name: "upstate-jobs",
    // How soon the jobs of a process that died are noticed once they expire.
    maintenanceIntervalSeconds: 30,
    ...options,
  });
  // While the database is away pg-boss reports every failed poll: once, then counted (failure-log.ts).
  boss.on("error", (error) => failureLog.report("[upstate] job queue", error instanceof Error ? error.message : error));
  return boss;
}

/**
 * Creates or upgrades the queue's tables and the queues themselves. Part of migrating the
 * database, so every database Upstate writes to can take jobs before any worker starts.
 */
export async function installJobQueue(connectionString: string): Promise<void> {
  const boss = newBoss(connectionString, { supervise: false, schedule: false, max: 1 });
  await boss.start();
  try {
    for (const name of Object.values(QUEUES)) {
      // A job whose process died is given back to the queue once this has passed since it started.
      const retry = name === QUEUES.edgePurge ? PURGE_RETRY : RETRY;
      const options = { name, ...retry, retentionDays: 7, expireInSeconds: name === QUEUES.fanOut ? 600 : 120 };
      if (await boss.getQueue(name)) await boss.updateQueue(name, options);
      else await boss.createQueue(name, options);
    }
    // pg-boss fetches the waiting jobs in (priority desc, created_on, id) order, but its own index
    // leads with start_after, so each fetch sorted every waiting job: tens of milliseconds of the
    // database's CPU with 100,000 mails waiting, which capped delivery. With this one it reads the
    // first few in order. (On the partitioned table, so every queue's partition has it.)
    await boss
      .getDb()
      .executeSql(
        `CREATE INDEX IF NOT EXISTS upstate_job_fetch_order ON ${SCHEMA}.job (name, priority DESC, created_on, id) WHERE state < 'active'`,
        [],
      );
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/**
 * Brings the planner's statistics of these queues' tables up to date (ANALYZE of their
 * partitions). pg-boss's fetch and complete are planned from them: a queue that was empty (or
 * whose jobs had all finished) when last analyzed and now holds 100,000 waiting jobs is planned
 * as if a few were waiting, with a bitmap scan and a sort of every waiting job spilled to disk:
 * 100–200 ms a fetch and 30 ms a completion instead of 6 and 4, which capped a large fan-out's
 * delivery. Autovacuum catches up only after a minute or more; a fan-out calls this as it grows.
 * A partition being vacuumed or analyzed already is skipped (SKIP_LOCKED), never waited for; a
 * failure is logged, never thrown. Outside a transaction (`Db`): the statistics must be seen by
 * the workers at once, and the analysis must not hold its lock until a commit.
 */
export async function refreshQueueStatistics(db: Db, names: QueueName[]): Promise<void> {
  try {
    const partitions = await db.$queryRaw<{ partition: string | null }[]>`
      SELECT partition_name AS partition FROM pgboss.queue WHERE name = ANY(${names}::text[])`;
    for (const { partition } of partitions) {
      // pg-boss names its partitions `j` and a hex hash; anything else is not analyzed.
      if (!partition || !/^[a-z0-9_]+$/.test(partition)) continue;
      await db
        .$executeRawUnsafe(`ANALYZE (SKIP_LOCKED) ${SCHEMA}."${partition}"`)
        .catch((error: unknown) => failureLog.report("job queue statistics", error));
    }
  } catch (error) {
    failureLog.report("job queue statistics", error);
  }
}

/** A started queue of its own (tests start two, as two instances would). */
export async function startJobQueue(connectionString: string): Promise<PgBoss> {
  const boss = newBoss(connectionString);
  await boss.start();
  return boss;
}

const holder = globalThis as unknown as { __upstateBoss?: { url: string; boss: PgBoss; started: Promise<PgBoss> } };

/** This process's started queue (workers, maintenance of old jobs), for DATABASE_URL. */
export function getJobQueue(connectionString = process.env.DATABASE_URL): Promise<PgBoss> {
  if (!connectionString) throw new Error("DATABASE_URL is not set.");
  if (holder.__upstateBoss?.url !== connectionString) {
    const boss = newBoss(connectionString);
    holder.__upstateBoss = { url: connectionString, boss, started: boss.start() };
  }
  return holder.__upstateBoss.started;
}

export async function stopJobQueue(): Promise<void> {
  const current = holder.__upstateBoss;
  holder.__upstateBoss = undefined;
  if (current) await (await current.started).stop({ graceful: true, wait: true, timeout: 10_000 });
}

// pg-boss builds its SQL in the instance; enqueueing only borrows that and runs it on `tx`, so no
// connection of pg-boss's own is opened (nor started) by a write.
let sqlOnly: PgBoss | undefined;
function producer(): PgBoss {
  sqlOnly ??= new PgBoss({ connectionString: "postgresql://unused", schema: SCHEMA });
  return sqlOnly;
}

/** Runs pg-boss's SQL on a Prisma transaction. */
export function throughTransaction(tx: DbOrTx): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }),
  };
}

/** Queues a job that runs only if `tx` commits. */
export async function enqueue(tx: DbOrTx, name: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<void> {
  const id = await producer().send(name, data, { ...options, db: throughTransaction(tx) });
  if (!id && !options.singletonKey) throw new Error(`The job queue refused a ${name} job: is the database migrated?`);
}

/** Queues many jobs at once (one statement) in `tx`. */
export async function enqueueMany(tx: DbOrTx, name: QueueName, jobs: { data: object; singletonKey?: string }[]): Promise<void> {
  if (jobs.length === 0) return;
  await producer().insert(
    jobs.map((job) => ({ name, data: job.data, singletonKey: job.singletonKey })),
    { db: throughTransaction(tx) },
  );
}
