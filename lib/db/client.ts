import { PrismaPg } from "@prisma/adapter-pg";
import { asDatabaseError } from "./database-errors.ts";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;
/** A client or the client of an open transaction: what domain functions accept as `db`. */
export type DbOrTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const holder = globalThis as unknown as { __upstateDb?: { url: string; client: PrismaClient } };

/**
 * Bounds on the app's database work, so that a staff member hears within seconds that the
 * database is busy or gone instead of waiting for minutes: a statement waits at most
 * `lockTimeoutMs` for a lock another change holds and runs at most `statementTimeoutMs`.
 * Waiting for a connection (a free one of the pool's, or a new one) is bounded by `poolWaitMs`,
 * generously: a burst of posts queues for the pool rather than being refused. A server that
 * refuses connections is reported at once.
 */
export const APP_DATABASE_LIMITS = {
  connections: 10,
  statementTimeoutMs: 10_000,
  lockTimeoutMs: 5_000,
  poolWaitMs: 60_000,
  // A transaction left open by a stuck request must not hold its locks for long.
  idleInTransactionMs: 30_000,
};

/**
 * A Prisma client on its own pool. By default with the app's limits; `limits: false` is for work
 * that may rightly take long (imports, seeding a large page), never for requests. `poolWaitMs`
 * shortens the wait for a connection (the read replica's, which has the primary to fall back to);
 * `connections` sizes a pool for one job (a worker thread's).
 */
export function createDb(
  connectionString: string,
  options: { limits?: boolean; poolWaitMs?: number; connections?: number } = {},
): PrismaClient {
  const limits = APP_DATABASE_LIMITS;
  const bounded =
    options.limits === false
      ? {}
      : {
          statement_timeout: limits.statementTimeoutMs,
          lock_timeout: limits.lockTimeoutMs,
          idle_in_transaction_session_timeout: limits.idleInTransactionMs,
          connectionTimeoutMillis: options.poolWaitMs ?? limits.poolWaitMs,
        };
  const max = options.connections ?? limits.connections;
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max, ...bounded }) });
}

/**
 * The one Prisma client of this process, for DATABASE_URL. Cached on globalThis so that the
 * custom server, Next's bundles and hot reloads share one pool.
 */
export function getDb(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Upstate with `npm start`, which sets it up.");
  if (holder.__upstateDb?.url !== url) {
    holder.__upstateDb = { url, client: createDb(url) };
  }
  return holder.__upstateDb.client;
}

/**
 * Runs `work` in one transaction; the audit-log row of a change is written inside it. A database
 * that is busy or gone fails it with DatabaseBusyError or DatabaseUnavailableError.
 */
export async function inTransaction<T>(db: PrismaClient, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  try {
    // maxWait (for a connection) matches the pool's own wait; timeout bounds the whole transaction.
    return await db.$transaction((tx) => work(tx), {
      maxWait: APP_DATABASE_LIMITS.poolWaitMs,
      timeout: 20_000,
    });
  } catch (error) {
    throw asDatabaseError(error) ?? error;
  }
}
