import type PgBoss from "pg-boss";
import type { Db } from "../db/client.ts";
import { getJobQueue, QUEUES } from "../jobs/queue.ts";
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

async function runDeliveries(
  boss: PgBoss,
  queue: string,
  jobs: PgBoss.JobWithMetadata<MailJob>[],
  options: WorkerOptions,
  concurrency: number,
): Promise<void> {
  const confirmations = jobs.filter((job) => job.data.type === "confirm" || job.data.type === "invite");
  const deliveries = jobs.flatMap((job) => (job.data.type === "delivery" ? [{ job, deliveryId: job.data.deliveryId }] : []));
  const failedJobs: string[] = [];
  for (const job of confirmations) {
    try {
      if (job.data.type === "confirm") await sendConfirmation(options.db, job.data, options.sender);
      if (job.data.type === "invite") await sendInvitation(options.db, job.data, options.sender);
    } catch (error) {
      failedJobs.push(job.id);
      console.error(`[upstate] confirmation mail failed (will retry): ${error instanceof Error ? error.message : error}`);
    }
  }
  const { failed } = await deliverBatch(
    options.db,
    deliveries.map(({ job, deliveryId }) => ({ deliveryId, lastTry: isLastTry(job) })),
    { sender: options.sender, concurrency },
  );
  for (const { job, deliveryId } of deliveries) if (failed.has(deliveryId)) failedJobs.push(job.id);
  // The rest complete when this returns; the failed ones go back to the queue with backoff.
  if (failedJobs.length) await boss.fail(queue, failedJobs);
}

/** Starts this process's notification workers; resolves to a function that stops them. */
export async function startNotificationWorkers(options: WorkerOptions): Promise<() => Promise<void>> {
  const boss = options.boss ?? (await getJobQueue());
  const polling = options.pollingIntervalSeconds ?? 1;
  const ids = [
    await boss.work<{ notificationId: string }>(
      QUEUES.fanOut,
      { batchSize: 1, pollingIntervalSeconds: polling },
      async ([job]) => {
        if (job) await fanOut(options.db, job.data.notificationId);
      },
    ),
    await boss.work<MailJob>(
      QUEUES.email,
      { batchSize: options.emailBatch ?? 100, includeMetadata: true, pollingIntervalSeconds: polling },
      (jobs) => runDeliveries(boss, QUEUES.email, jobs, options, options.emailConcurrency ?? 20),
    ),
    await boss.work<MailJob>(
      QUEUES.webhook,
      { batchSize: options.webhookBatch ?? 200, includeMetadata: true, pollingIntervalSeconds: polling },
      (jobs) => runDeliveries(boss, QUEUES.webhook, jobs, options, options.webhookConcurrency ?? 100),
    ),
  ];
  return async () => {
    for (const id of ids) await boss.offWork({ id });
  };
}
