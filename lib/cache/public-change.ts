import type { DbOrTx } from "../db/client.ts";
import { tagsForChange } from "../edge/cache-tags.ts";
import { enqueue, QUEUES } from "../jobs/queue.ts";

// Public pages and API responses are served from an in-memory cache (lib/server/response-cache.ts).
// Every write in lib/ that changes what the public sees calls `notifyPublicChange` inside its
// transaction. PostgreSQL delivers the notification only when the transaction commits, to every
// Upstate process listening (several servers, or a CLI such as the importer writing while the
// server runs), and each drops the affected cached responses. The same statement bumps a counter
// (spread over several rows, see below), so that a server whose listening connection is down can
// poll for changes instead (lib/server/change-listener.ts): the counter moves exactly when a
// notification was sent.
// With an edge cache to purge (EDGE_PURGE), the same transaction queues a purge of the change's
// cache tags (lib/edge/purge-worker.ts), so that a purge is sent exactly when the change commits.

export const PUBLIC_CHANGE_CHANNEL = "upstate_public_change";

export type PublicChange = {
  /** Incidents or maintenance whose own pages changed (created, edited, deleted). */
  incidentIds?: string[];
  /** Everything public changed (page settings, components): drop every cached response. */
  all?: boolean;
};

/**
 * How many rows the change counter is spread over. A writer bumps the row of its database
 * connection, so concurrent writes on different connections never wait for each other's commit
 * on one row lock; the counter is the rows' sum.
 */
export const PUBLIC_CHANGE_COUNTER_ROWS = 32;

export async function notifyPublicChange(db: DbOrTx, change: PublicChange): Promise<void> {
  // The count and the notification in one statement (one round trip in every public write). The
  // row stays locked until the transaction ends: one row for every writer would make all public
  // writes commit one at a time (write API bursts, alerts), each waiting for the previous one's
  // round trips to the application. One row per connection (modulo the row count) instead.
  await db.$executeRaw`INSERT INTO "PublicChangeCounter" (id, value)
    VALUES (pg_backend_pid() % ${PUBLIC_CHANGE_COUNTER_ROWS} + 1, 1)
    ON CONFLICT (id) DO UPDATE SET value = "PublicChangeCounter".value + 1
    RETURNING pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${JSON.stringify(change)})`;
  if (process.env.EDGE_PURGE) await enqueue(db, QUEUES.edgePurge, { tags: tagsForChange(change) });
}

/**
 * The SQL reading the counter (0 before the first change): the sum of its rows, which moves
 * exactly when a change commits, as one row's value did.
 */
export const READ_PUBLIC_CHANGE_COUNTER = `SELECT coalesce((SELECT sum(value) FROM "PublicChangeCounter"), 0)::text AS value`;
