import type { DbOrTx } from "../db/client.ts";
import { tagsForChange } from "../edge/cache-tags.ts";
import { enqueue, QUEUES } from "../jobs/queue.ts";

// Public pages and API responses are served from an in-memory cache (lib/server/response-cache.ts).
// Every write in lib/ that changes what the public sees calls `notifyPublicChange` inside its
// transaction. PostgreSQL delivers the notification only when the transaction commits, to every
// Upstate process listening (several servers, or a CLI such as the importer writing while the
// server runs), and each drops the affected cached responses. The same transaction bumps a
// counter, so that a server whose listening connection is down can poll for changes instead
// (lib/server/change-listener.ts): the counter moves exactly when a notification was sent.
// With an edge cache to purge (EDGE_PURGE), the same transaction queues a purge of the change's
// cache tags (lib/edge/purge-worker.ts), so that a purge is sent exactly when the change commits.

export const PUBLIC_CHANGE_CHANNEL = "upstate_public_change";

export type PublicChange = {
  /** Incidents or maintenance whose own pages changed (created, edited, deleted). */
  incidentIds?: string[];
  /** Everything public changed (page settings, components): drop every cached response. */
  all?: boolean;
};

export async function notifyPublicChange(db: DbOrTx, change: PublicChange): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${JSON.stringify(change)})`;
  // One row, locked until the transaction ends: public writes are staff actions, few at a time.
  await db.$executeRaw`INSERT INTO "PublicChangeCounter" (id, value) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET value = "PublicChangeCounter".value + 1`;
  if (process.env.EDGE_PURGE) await enqueue(db, QUEUES.edgePurge, { tags: tagsForChange(change) });
}

/** The SQL reading the counter (0 before the first change). */
export const READ_PUBLIC_CHANGE_COUNTER = `SELECT coalesce((SELECT value FROM "PublicChangeCounter" WHERE id = 1), 0)::text AS value`;
