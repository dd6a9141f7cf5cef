import type PgBoss from "pg-boss";
import type { Db } from "../db/client.ts";
import { getJobQueue, QUEUES } from "../jobs/queue.ts";
import { type OpenIncidentJob, openAlertIncident } from "./open-alert-incident.ts";
import { type ReleaseJob, releaseAlertHold } from "./release-alert-hold.ts";

/**
 * Starts this process's alert workers on the shared queue (every instance runs them; pg-boss gives
 * each job to one); resolves to a function that stops them.
 */
export async function startAlertWorkers(options: {
  db: Db;
  boss?: PgBoss;
  pollingIntervalSeconds?: number;
}): Promise<() => Promise<void>> {
  const boss = options.boss ?? (await getJobQueue());
  const polling = options.pollingIntervalSeconds ?? 1;
  const ids = [
    await boss.work<ReleaseJob>(QUEUES.alertRelease, { batchSize: 1, pollingIntervalSeconds: polling }, async ([job]) => {
      if (job) await releaseAlertHold(options.db, job.data);
    }),
    await boss.work<OpenIncidentJob>(QUEUES.alertIncident, { batchSize: 1, pollingIntervalSeconds: polling }, async ([job]) => {
      if (job) await openAlertIncident(options.db, job.data);
    }),
  ];
  return async () => {
    for (const id of ids) await boss.offWork({ id });
  };
}
