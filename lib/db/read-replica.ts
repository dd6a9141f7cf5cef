import { describeDatabase } from "./check-connection.ts";
import { createDb, type DbOrTx, getDb } from "./client.ts";
import type { PrismaClient } from "./generated/client.ts";

// Public renders (the status page, incident pages, history, the public API, feeds, badge, embed)
// may read from a streaming replica of the primary, DATABASE_REPLICA_URL, so that the renders a
// crowd causes do not load the database staff write to. Everything else stays on the primary:
// writes, the change listener, the job queue, the admin, sign-in, subscribers' own pages.
//
// The catch is replication lag. A change's notification comes from the primary as it commits, and
// the response cache then re-renders what the change made stale and keeps the result as fresh (an
// edge cache may keep it for an hour). Rendered from a replica that has not replayed the commit
// yet, that would be the old page, kept as the new one. So when a change is notified (and at the
// start), this process reads the primary's WAL position, pg_current_wal_lsn(): read after the
// commit, it is at or past the commit's record. A public render reads from the replica only once
// the replica's pg_last_wal_replay_lsn() has reached the latest position read; it waits for that,
// polling, for up to REPLICA_WAIT_MS, and otherwise reads from the primary. A replica that lagged
// that long is waited for a tenth as long until it has caught up, so renders do not all stall.
//
// A replica that cannot be read (down, unreachable, or promoted and so no longer a standby) sends
// public renders to the primary, and is tried again every REPLICA_RETRY_MS. Each of these turns
// is logged once, as is the replica's return.
//
// The front server (lib/server/http-server.ts) and the Next.js bundles load this module
// separately, in one process: the state lives on globalThis, as getDb's client does.

/** The longest a public render waits for the replica to replay the last change before reading the primary. */
export const REPLICA_WAIT_MS = 5_000;
/** How long a replica that failed is left alone before it is tried again. */
export const REPLICA_RETRY_MS = 5_000;

type ReadRouting = {
  replicaUrl: string;
  /** The primary's WAL position after the last change this process heard of; null when unknown (read the primary). */
  target: Promise<bigint | null>;
  /** The replica lagged past the wait: renders wait a tenth as long until it catches up. */
  lagging: boolean;
  /** The replica failed: it is not asked again before `retryAt`. */
  down: boolean;
  retryAt: number;
  waitMs: number;
  retryMs: number;
  log: (message: string) => void;
  /** The read of the primary's position under way, and the one more queued after it. */
  reading?: Promise<bigint | null>;
  readAgain?: Promise<bigint | null>;
  readPosition: () => Promise<bigint>;
};

const holder = globalThis as unknown as {
  __upstateReadRouting?: ReadRouting;
  __upstateReplicaDb?: { url: string; client: PrismaClient };
};

/** A WAL position as PostgreSQL writes it (`16/B374D848`), as a number that compares. */
export function parseWalPosition(text: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a WAL position`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/**
 * Sends this process's public renders to the replica from now on (when it has caught up). Called
 * by the front server before it renders anything, when DATABASE_REPLICA_URL is set.
 */
export function startReadReplica(options: {
  replicaUrl: string;
  waitMs?: number;
  retryMs?: number;
  log?: (message: string) => void;
  /** Reads the primary's WAL position (tests replace it). */
  readPosition?: () => Promise<bigint>;
}): void {
  holder.__upstateReadRouting = {
    replicaUrl: options.replicaUrl,
    target: Promise.resolve(null),
    lagging: false,
    down: false,
    retryAt: 0,
    waitMs: options.waitMs ?? REPLICA_WAIT_MS,
    retryMs: options.retryMs ?? REPLICA_RETRY_MS,
    readPosition: options.readPosition ?? readPrimaryPosition,
    log: options.log ?? ((message) => console.log(`[upstate] ${message}`)),
  };
  // What the start (migrations, seeding) wrote must be on the replica before the first render.
  notePrimaryChange();
}

/** Stops using the replica and closes its connections. */
export async function stopReadReplica(): Promise<void> {
  holder.__upstateReadRouting = undefined;
  const replica = holder.__upstateReplicaDb;
  holder.__upstateReplicaDb = undefined;
  await replica?.client.$disconnect();
}

/**
 * A change committed on the primary (its notification arrived): public renders from now on read
 * the replica only once it has replayed the primary's present WAL position. Call it before the
 * renders the change starts: they wait for the position to be read.
 */
export function notePrimaryChange(): void {
  const routing = holder.__upstateReadRouting;
  if (!routing) return;
  const earlier = routing.target;
  const present = primaryPosition(routing);
  // A position that cannot be read leaves it unknown: the renders read the primary, which has
  // the change, until a later change's position is read.
  routing.target = Promise.all([earlier, present]).then(([before, now]) =>
    now === null ? null : before !== null && before > now ? before : now,
  );
}

/**
 * The primary's WAL position, read after this call: at most one read at a time, and one more
 * after it shared by every change that came meanwhile (the read under way may have begun before
 * they committed), so that a burst of changes (an import) costs two reads, not one each.
 */
function primaryPosition(routing: ReadRouting): Promise<bigint | null> {
  if (!routing.reading) {
    const reading = withTimeout(routing.readPosition(), routing.waitMs).catch(() => null);
    routing.reading = reading;
    void reading.finally(() => {
      if (routing.reading === reading) routing.reading = undefined;
    });
    return reading;
  }
  routing.readAgain ??= routing.reading.then(() => {
    routing.readAgain = undefined;
    return primaryPosition(routing);
  });
  return routing.readAgain;
}

/**
 * The client a public render reads with: the replica once it has replayed the last change this
 * process heard of (waiting up to REPLICA_WAIT_MS for that), else the primary. Without a replica,
 * the primary. The replica is asked every time (one small query): that is also how a replica
 * gone down is noticed before a render fails on it.
 */
export async function getPublicDb(): Promise<DbOrTx> {
  const routing = holder.__upstateReadRouting;
  if (!routing) return getDb();
  const target = await routing.target;
  if (target === null) return getDb();
  const replica = replicaDb(routing.replicaUrl);
  if (routing.down && Date.now() < routing.retryAt) return getDb();
  // A replica known to lag gets a moment (a tenth of the wait), enough to replay a change just made.
  const deadline = Date.now() + (routing.lagging ? routing.waitMs / 10 : routing.waitMs);
  let pauseMs = 5;
  while (true) {
    let replayed: bigint | null;
    try {
      replayed = await readReplayPosition(replica);
    } catch (error) {
      replicaFailed(routing, failureReason(error));
      return getDb();
    }
    if (replayed === null) {
      replicaFailed(routing, "it is not a standby (pg_is_in_recovery() is false)");
      return getDb();
    }
    if (routing.down) {
      routing.down = false;
      routing.log(`the read replica at ${describeDatabase(routing.replicaUrl)} answers again`);
    }
    if (replayed >= target) {
      if (routing.lagging) {
        routing.lagging = false;
        routing.log("the read replica has caught up with the primary: public pages read from it again");
      }
      return replica;
    }
    if (Date.now() >= deadline) {
      if (!routing.lagging) {
        routing.lagging = true;
        routing.log(
          `the read replica at ${describeDatabase(routing.replicaUrl)} is more than ${routing.waitMs / 1000} s behind the primary; public pages read from the primary until it catches up`,
        );
      }
      return getDb();
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    pauseMs = Math.min(pauseMs * 2, 50);
  }
}

function replicaFailed(routing: ReadRouting, reason: string) {
  routing.retryAt = Date.now() + routing.retryMs;
  if (routing.down) return;
  routing.down = true;
  routing.log(
    `the read replica at ${describeDatabase(routing.replicaUrl)} cannot be read (${reason}); public pages read from the primary, and the replica is tried again every ${routing.retryMs / 1000} s`,
  );
}

/** An error's gist for a log line: Prisma wraps the driver's message in lines of its own. */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const driverMessage = /Message: `([^`]+)`/.exec(message)?.[1];
  return driverMessage ?? (message.trim().split("\n").at(-1)?.trim() || "no message");
}

/** The replica's client: a short wait for a connection, since the primary is there to fall back to. */
function replicaDb(url: string): PrismaClient {
  if (holder.__upstateReplicaDb?.url !== url) {
    holder.__upstateReplicaDb = { url, client: createDb(url, { poolWaitMs: 2_000 }) };
  }
  return holder.__upstateReplicaDb.client;
}

async function readPrimaryPosition(): Promise<bigint> {
  const [row] = await getDb().$queryRaw<{ position: string }[]>`SELECT pg_current_wal_lsn()::text AS position`;
  return parseWalPosition(row!.position);
}

/** How far the replica has replayed the primary's WAL; null when it is not a standby. */
async function readReplayPosition(replica: PrismaClient): Promise<bigint | null> {
  const [row] = await replica.$queryRaw<{ standby: boolean; position: string | null }[]>`
    SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS position`;
  return row?.standby && row.position ? parseWalPosition(row.position) : null;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
