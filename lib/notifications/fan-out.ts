import type { Db } from "../db/client.ts";
import { inTransaction } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import { analyzeIfStale } from "../db/statistics.ts";
import { enqueueMany, QUEUES, refreshQueueStatistics } from "../jobs/queue.ts";
import { failureLog } from "../log/failure-log.ts";
import { loadMessageContext } from "./message-context.ts";

/** Subscribers taken per transaction: their deliveries and jobs commit together. */
export const FAN_OUT_BATCH = 1000;

/**
 * Works out who hears about a notification and queues one delivery each, a batch per
 * transaction. Safe to run again after a crash: a delivery exists once per subscriber
 * (unique), and only the deliveries a batch created get a job.
 */
export async function fanOut(db: Db, notificationId: string): Promise<{ queued: number }> {
  const notification = await db.notification.findUnique({ where: { id: notificationId } });
  if (!notification || notification.fannedOutAt) return { queued: 0 };
  const context = await loadMessageContext(db, notificationId);
  if (!context) {
    await db.notification.update({ where: { id: notificationId }, data: { fannedOutAt: new Date() } });
    return { queued: 0 };
  }
  const components = context.componentIds;
  const groups = context.groupIds;
  // Team channels hear everything; a customer hears what concerns the whole page or a component
  // (or group) they chose, from the moment they confirmed. Tests stay with their own audience.
  const audience = notification.onlySubscriberId
    ? Prisma.sql`id = ${notification.onlySubscriberId}`
    : notification.teamOnly
      ? Prisma.sql`team`
      : components.length === 0
        ? // As on Statuspage: what names no component concerns everyone.
          Prisma.sql`TRUE`
        : Prisma.sql`(team OR "wholePage" OR "componentIds" && ${components}::text[] OR "groupIds" && ${groups}::text[])`;
  // The batches below walk the subscribers by id; planned from statistics taken before a large
  // import, each batch scanned and sorted every subscriber instead (170 ms a batch at 110,000).
  // (A message to one subscriber, a test, reads one row by id: no walk to plan.)
  if (!notification.onlySubscriberId) {
    await analyzeIfStale(db, "Subscriber").catch((error: unknown) => failureLog.report("subscriber statistics", error));
  }
  let cursor = "";
  let queued = 0;
  let nextAnalysisAt = FAN_OUT_BATCH;
  for (;;) {
    const done = await inTransaction(db, async (tx) => {
      const batch = await tx.$queryRaw<{ id: string; channel: string }[]>`
        SELECT id, channel::text FROM "Subscriber"
        WHERE state = 'active' AND id > ${cursor} AND ${audience}
          AND COALESCE("confirmedAt", "createdAt") <= ${notification.createdAt}
        ORDER BY id LIMIT ${FAN_OUT_BATCH}`;
      if (batch.length === 0) return true;
      cursor = batch[batch.length - 1]?.id ?? cursor;
      const created = await tx.$queryRaw<{ id: string; channel: string }[]>`
        INSERT INTO "Delivery" (id, "notificationId", "subscriberId", state, "updatedAt")
        SELECT 'dlv' || md5(${notificationId} || s.id), ${notificationId}, s.id, 'queued', now()
        FROM unnest(${batch.map((s) => s.id)}::text[]) AS s(id)
        ON CONFLICT ("notificationId", "subscriberId") DO NOTHING
        RETURNING id, (SELECT channel::text FROM "Subscriber" WHERE "Subscriber".id = "subscriberId") AS channel`;
      const email = created.filter((d) => d.channel === "email").map((d) => ({ data: { type: "delivery", deliveryId: d.id } }));
      const others = created.filter((d) => d.channel !== "email").map((d) => ({ data: { type: "delivery", deliveryId: d.id } }));
      await enqueueMany(tx, QUEUES.email, email);
      await enqueueMany(tx, QUEUES.webhook, others);
      queued += created.length;
      return batch.length < FAN_OUT_BATCH;
    });
    // A large fan-out is under way and the workers are fetching already: their queues' statistics
    // are refreshed now, and again at ten and a hundred times as many jobs (lib/jobs/queue.ts).
    // Once is not enough when the queue still holds the last fan-out's finished jobs (kept for
    // hours): analyzed after one batch, it would count 1,000 waiting among 100,000 done.
    if (queued >= nextAnalysisAt) {
      nextAnalysisAt *= 10;
      await refreshQueueStatistics(db, [QUEUES.email, QUEUES.webhook]);
    }
    if (done) break;
  }
  await db.notification.update({ where: { id: notificationId }, data: { fannedOutAt: new Date() } });
  return { queued };
}
