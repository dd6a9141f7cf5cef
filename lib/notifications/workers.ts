import type PgBoss from "pg-boss";
import type { Db } from "../db/client.ts";
import { getJobQueue, QUEUES } from "../jobs/queue.ts";
import { failureLog } from "../log/failure-log.ts";
import { sendInvitation } from "../users/invitations-send.ts";
import { deliverBatch, type Sender, sendConfirmation } from "./deliver.ts";
import { fanOut } from "./fan-out.ts";

// The workers every Upstate process runs on the shared queue: pg-boss hands each job to one of
// them (SKIP LOCKED), so several instances split the work and send each message once.

type MailJob =
  | { type: "confirm"; subscriberId: string }
  | { type: "delivery"; deliveryId: string }
  | { type: "invite"; invitationId: string };

export type WorkerOptions = {
  db: Db;
  boss?: PgBoss;
  sender?: Sender;
  /** Jobs taken per fetch, and messages in flight at once, per channel. */
  emailBatch?: number;
  emailConcurrency?: number;
  webhookBatch?: number;
  webhookConcurrency?: number;
  pollingIntervalSeconds?: number;
};

const isLastTry = (job: PgBoss.JobWithMetadata<unknown>) => job.retryCount >= job.retryLimit;

/** How often settled jobs are reported to the queue (one statement for all of them). */
const SETTLE_EVERY_MS = 100;

/**
 * Keeps up to `concurrency` messages of one queue in flight: fetches jobs as slots free up and
 * completes (or fails, for a retry with backoff) each one as soon as its message is settled. A
 * slow or silent endpoint holds one slot until its timeout, never a whole batch, and a full queue
 * drains without waiting for the polling interval between fetches (pg-boss's own `work` loop
 * waits for a whole batch, then for the interval: at most one batch a second).
 */
function startDeliveryPump(
  boss: PgBoss,
  queue: string,
  options: WorkerOptions,
  limits: { fetch: number; concurrency: number; pollMs: number },
): () => Promise<void> {
  let inFlight = 0;
  let stopping = false;
  let wake: (() => void) | undefined;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const done: string[] = [];
  const failed: string[] = [];
  const settle = (jobId: string, ok: boolean) => {
    (ok ? done : failed).push(jobId);
    inFlight--;
    wake?.();
  };
  const report = async () => {
    const completed = done.splice(0);
    const toRetry = failed.splice(0);
    try {
      if (completed.length) await boss.complete(queue, completed);
      if (toRetry.length) await boss.fail(queue, toRetry);
    } catch (error) {
      // Unreported jobs expire and come back; their messages are recorded as sent and not sent again.
      failureLog.report("notification queue", error);
    }
  };
  const reporter = setInterval(() => void report(), SETTLE_EVERY_MS);
  reporter.unref();

  async function run(jobs: PgBoss.JobWithMetadata<MailJob>[]): Promise<void> {
    const unsettled = new Set(jobs.map((job) => job.id));
    const settleOnce = (jobId: string, ok: boolean) => {
      if (unsettled.delete(jobId)) settle(jobId, ok);
    };
    try {
      const byDelivery = new Map<string, string>();
      const deliveries: { deliveryId: string; lastTry: boolean }[] = [];
      for (const job of jobs) {
        if (job.data.type === "confirm" || job.data.type === "invite") {
          const data = job.data;
          const send =
            data.type === "confirm"
              ? sendConfirmation(options.db, data, options.sender)
              : sendInvitation(options.db, data, options.sender);
          const ok = await send.then(
            () => true,
            (error: unknown) => {
              console.error(`[upstate] confirmation mail failed (will retry): ${error instanceof Error ? error.message : error}`);
              return false;
            },
          );
          settleOnce(job.id, ok);
        } else {
          byDelivery.set(job.data.deliveryId, job.id);
          deliveries.push({ deliveryId: job.data.deliveryId, lastTry: isLastTry(job) });
        }
      }
      if (deliveries.length) {
        await deliverBatch(options.db, deliveries, {
          sender: options.sender,
          concurrency: deliveries.length,
          onSettled: (deliveryId, ok) => {
            const jobId = byDelivery.get(deliveryId);
            if (jobId) settleOnce(jobId, ok);
          },
        });
      }
    } catch (error) {
      failureLog.report("notification delivery", error);
    } finally {
      // Whatever was not settled (the database went away mid-batch) is retried.
      for (const jobId of [...unsettled]) settleOnce(jobId, false);
    }
  }

  const loop = (async () => {
    while (!stopping) {
      const room = limits.concurrency - inFlight;
      // Fetch in sizeable batches: each fetch is a statement of its own (a few milliseconds of the
      // database's CPU with 100,000 waiting, planned well: lib/jobs/queue.ts), so topping up one
      // slot at a time would spend the database's time on fetching.
      if (room < Math.min(limits.fetch, limits.concurrency) / 2) {
        await nap(limits.pollMs);
        continue;
      }
      let jobs: PgBoss.JobWithMetadata<MailJob>[] = [];
      try {
        jobs = await boss.fetch<MailJob>(queue, { batchSize: Math.min(room, limits.fetch), includeMetadata: true });
      } catch (error) {
        failureLog.report("notification queue", error);
      }
      if (!jobs.length) {
        await nap(limits.pollMs);
        continue;
      }
      inFlight += jobs.length;
      void run(jobs);
    }
  })();

  return async () => {
    stopping = true;
    wake?.();
    await loop;
    while (inFlight > 0) await nap(50);
    clearInterval(reporter);
    await report();
  };
}

/** Starts this process's notification workers; resolves to a function that stops them. */
export async function startNotificationWorkers(options: WorkerOptions): Promise<() => Promise<void>> {
  const boss = options.boss ?? (await getJobQueue());
  const polling = options.pollingIntervalSeconds ?? 1;
  const pollMs = polling * 1000;
  const fanOutWorker = await boss.work<{ notificationId: string }>(
    QUEUES.fanOut,
    { batchSize: 1, pollingIntervalSeconds: polling },
    async ([job]) => {
      if (job) await fanOut(options.db, job.data.notificationId);
    },
  );
  const stopPumps = [
    startDeliveryPump(boss, QUEUES.email, options, {
      fetch: options.emailBatch ?? 100,
      // Queued in nodemailer's pool of 5 connections, which sends them as fast as the server takes them.
      concurrency: options.emailConcurrency ?? 100,
      pollMs,
    }),
    startDeliveryPump(boss, QUEUES.webhook, options, {
      fetch: options.webhookBatch ?? 200,
      concurrency: options.webhookConcurrency ?? 200,
      pollMs,
    }),
  ];
  return async () => {
    await boss.offWork({ id: fanOutWorker });
    await Promise.all(stopPumps.map((stop) => stop()));
  };
}
