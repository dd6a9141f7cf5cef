import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;
/** A client or the client of an open transaction: what domain functions accept as `db`. */
export type DbOrTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const holder = globalThis as unknown as { __upstateDb?: { url: string; client: PrismaClient } };

export function createDb(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
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

/** Runs `work` in one transaction; the audit-log row of a change is written inside it. */
export function inTransaction<T>(db: PrismaClient, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.$transaction((tx) => work(tx), { maxWait: 10_000, timeout: 20_000 });
}
