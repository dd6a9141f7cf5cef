import type PgBoss from "pg-boss";
import type { Db } from "../db/client.ts";
import { getJobQueue, QUEUES } from "../jobs/queue.ts";
import { failureLog } from "../log/failure-log.ts";
import { unionOfTags } from "./cache-tags.ts";
import { purgeEdge } from "./purge-edge.ts";
import { recordPurgeOutcome } from "./purge-status.ts";
import { type PurgeTarget, parsePurgeTarget } from "./purge-target.ts";

// Sends the purges that committed changes queued (lib/cache/public-change.ts). Every Upstate
// process runs this worker on the shared queue; pg-boss hands each job to one of them, so each
// change is purged once however many instances run. Changes that come together (a burst of
// staff edits, an import) are coalesced: the worker waits a moment after the first, takes every
// job queued by then, and sends one purge with the union of their tags. A purge that fails goes
// back to the queue with its jobs, retried with backoff; it is logged and shown in the admin.

type PurgeJob = { tags: string[] };

// The purge workers of this process, woken by the front server when a change reaches it
// (lib/server/http-server.ts): on globalThis, since Next.js loads this module (from
// instrumentation.ts) apart from the front server's copy.
const holder = globalThis as unknown as { __upstatePurgeWakers?: Set<() => void> };
holder.__upstatePurgeWakers ??= new Set();
const wakers = holder.__upstatePurgeWakers;

/**
 * Has this process's purge workers look for purges now instead of at their next poll: called
 * when a change has reached this process (and its cache has marked what the change affects), so
 * that the edge is purged at once, and never before this process knows of the change.
 */
export function wakeEdgePurgeWorkers(): void {
  for (const wake of wakers) wake();
}

export type PurgeWorkerOptions = {
  db: Db;
  boss?: PgBoss;
  target?: PurgeTarget | null;
  /** How long to wait after a job for others to join it in one purge. */
  coalesceMs?: number;
  pollingIntervalSeconds?: number;
  /** Replaces the HTTP purge (tests count purges through it). */
  purge?: (target: PurgeTarget, tags: readonly string[]) => Promise<void>;
};

/** Starts this process's purge worker when EDGE_PURGE is set; resolves to a function that stops it. */
export async function startEdgePurgeWorker(options: PurgeWorkerOptions): Promise<() => Promise<void>> {
  const target = options.target === undefined ? parsePurgeTarget() : options.target;
  if (!target) return async () => {};
  const boss = options.boss ?? (await getJobQueue());
  const coalesceMs = options.coalesceMs ?? 100;
  const purge = options.purge ?? purgeEdge;
  const id = await boss.work<PurgeJob>(
    QUEUES.edgePurge,
    // Woken by each change (above); the poll catches what no change in this process announced.
    { batchSize: 100, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
    async (jobs) => {
      await new Promise((resolve) => setTimeout(resolve, coalesceMs));
      const joined = await boss.fetch<PurgeJob>(QUEUES.edgePurge, { batchSize: 1000 });
      const tags = unionOfTags([...jobs, ...joined].map((job) => job.data.tags));
      const joinedIds = joined.map((job) => job.id);
      try {
        await purge(target, tags);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failureLog.report("purging the edge cache failed (it is retried)", message);
        await recordPurgeOutcome(options.db, { tags, error: message }).catch(() => {});
        if (joinedIds.length) await boss.fail(QUEUES.edgePurge, joinedIds);
        // The batch's own jobs fail with the error, and come back with backoff.
        throw error;
      }
      if (joinedIds.length) await boss.complete(QUEUES.edgePurge, joinedIds);
      await recordPurgeOutcome(options.db, { tags }).catch(() => {});
    },
  );
  const wake = () => boss.notifyWorker(id);
  wakers.add(wake);
  return async () => {
    wakers.delete(wake);
    await boss.offWork({ id });
  };
}
