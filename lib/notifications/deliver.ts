import { Webhook } from "standardwebhooks";
import type { Db, DbOrTx } from "../db/client.ts";
import { confirmToken, hashToken, linkSecret } from "../subscribers/tokens.ts";
import { composeConfirmationMail, composeNotificationMail, mailTransport, type OutgoingMail } from "./email.ts";
import { confirmUrl, subscriberLinks } from "./links.ts";
import { mailPageContext } from "./mail-page.ts";
import { type MessageContext, messageContext } from "./message-context.ts";
import { encodeMail } from "./mime.ts";
import { discordMessage, slackMessage, teamsMessage } from "./payloads/chat.ts";
import { statuspageWebhookBody } from "./payloads/statuspage-webhook.ts";
import { type MessageSummary, summarize } from "./payloads/summary.ts";
import { safePost } from "./safe-post.ts";

// One message to one subscriber. A message the mail server accepted, or an endpoint answered 2xx,
// is recorded as sent and never sent again; a failure is recorded and thrown, so the job queue
// retries it with backoff (lib/jobs/queue.ts) until its last try, which marks it failed.

/** A failing endpoint is disabled after failing this many times in a row over at least a day. */
export const DISABLE_AFTER_FAILURES = 10;
export const DISABLE_AFTER_MS = 24 * 3600_000;

export class DeliveryFailed extends Error {}

export type Sender = {
  sendMail: (mail: OutgoingMail) => Promise<void>;
  post: typeof safePost;
};

export const realSender: Sender = {
  sendMail: async (mail) => {
    const transport = mailTransport();
    if (!transport) throw new DeliveryFailed("Email is not configured (SMTP_URL is not set).");
    // Written by lib/notifications/mime.ts (a third of the workers' CPU saved), or by nodemailer
    // for what that does not write.
    await transport.sendMail(encodeMail(mail) ?? mail);
  },
  post: safePost,
};

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

/**
 * Sends the confirmation mail of a pending email subscriber, with the link of its latest request
 * (made again from the link key: the job carries no token). Nothing when the address confirmed
 * meanwhile, or when a newer request replaced the token this job was for.
 */
export async function sendConfirmation(db: DbOrTx, job: { subscriberId: string }, sender = realSender): Promise<void> {
  const subscriber = await db.subscriber.findUnique({ where: { id: job.subscriberId } });
  if (subscriber?.state !== "pending" || !subscriber.confirmationSentAt) return;
  const token = confirmToken(await linkSecret(db), subscriber.target, subscriber.confirmationSentAt);
  if (hashToken(token) !== subscriber.confirmTokenHash) return;
  const context = await mailPageContext(db);
  await sender.sendMail(composeConfirmationMail(context, subscriber.target, confirmUrl(context.publicBase, token)));
}

type DeliveryJob = { deliveryId: string; lastTry: boolean };

/** Messages in flight at once to one host (hooks.slack.com serves many subscribers). */
export const PER_HOST_CONCURRENCY = 10;

/** A count of what is in flight per key, waiting while a key is at its limit. */
function perKeyLimit(limit: number) {
  const running = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();
  return async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    while ((running.get(key) ?? 0) >= limit) {
      await new Promise<void>((resolve) => waiting.set(key, [...(waiting.get(key) ?? []), resolve]));
    }
    running.set(key, (running.get(key) ?? 0) + 1);
    try {
      return await work();
    } finally {
      running.set(key, (running.get(key) ?? 1) - 1);
      const next = waiting.get(key)?.shift();
      next?.();
    }
  };
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Sends `limit` at a time from `items`. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

/**
 * Sends a batch of deliveries (`concurrency` at once) and records the sent ones in one statement.
 * Returns the ids of the deliveries that failed (each recorded), for the queue to retry.
 */
export async function deliverBatch(
  db: Db,
  jobs: DeliveryJob[],
  options: {
    sender?: Sender;
    concurrency?: number;
    /** Told of each delivery as soon as it is settled (sent, skipped or failed), before the batch ends. */
    onSettled?: (deliveryId: string, ok: boolean) => void;
  } = {},
): Promise<{ sent: string[]; failed: Map<string, string> }> {
  const sender = options.sender ?? realSender;
  const lastTry = new Map(jobs.map((job) => [job.deliveryId, job.lastTry]));
  const deliveries = await db.delivery.findMany({
    where: { id: { in: jobs.map((job) => job.deliveryId) } },
    include: { subscriber: true },
  });
  const sent: string[] = [];
  const failed = new Map<string, string>();
  const perHost = perKeyLimit(PER_HOST_CONCURRENCY);
  const secret = deliveries.length ? linkSecret(db) : Promise.resolve("");
  // updateMany: the row may be gone (its subscriber unsubscribed meanwhile), which is fine.
  const skip = async (id: string, reason: string) => {
    await db.delivery.updateMany({ where: { id }, data: { state: "failed", lastError: reason } });
  };
  // Each message is recorded as sent as soon as it is, so a later failure in the batch (or a
  // crash) never sends it again. Messages accepted while one record is being written are written
  // together by the next (one statement for many, as a group commit): no message waits longer to
  // be recorded than one statement takes, and 100,000 messages cost far fewer than 100,000.
  const recordSent = groupCommit(async (ids: string[]) => {
    await db.delivery.updateMany({
      where: { id: { in: ids } },
      data: { state: "sent", sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
    });
  });
  const markSent = async (id: string, subscriberId: string, hadFailures: boolean) => {
    await recordSent(id);
    if (hadFailures) {
      await db.subscriber.updateMany({
        where: { id: subscriberId },
        data: { failureCount: 0, failingSince: null, lastError: null },
      });
    }
  };
  await eachLimited(deliveries, options.concurrency ?? 20, async (delivery) => {
    try {
      await deliverOne(delivery);
    } catch (error) {
      // Bookkeeping that failed (the database went away): this one is retried, the others stand.
      failed.set(delivery.id, errorText(error));
    }
    options.onSettled?.(delivery.id, !failed.has(delivery.id));
  });
  // A delivery whose row is gone (its subscriber left) has nothing to send.
  const found = new Set(deliveries.map((delivery) => delivery.id));
  for (const job of jobs) if (!found.has(job.deliveryId)) options.onSettled?.(job.deliveryId, true);
  return { sent, failed };

  async function deliverOne(delivery: (typeof deliveries)[number]): Promise<void> {
    // Sent already (a retry after a crash), given up on, or the subscriber was switched off.
    if (delivery.state === "sent" || delivery.state === "failed") return;
    const { subscriber } = delivery;
    if (subscriber.state !== "active") return skip(delivery.id, `The subscriber is ${subscriber.state}.`);
    const context = await messageContext(db, delivery.notificationId);
    if (!context) return skip(delivery.id, "The incident was deleted.");
    const links = subscriberLinks(context.publicBase, await secret, subscriber.id);
    const summary = summaryOf(context);
    try {
      if (subscriber.channel === "email") {
        await sender.sendMail(composeNotificationMail(context, summary, subscriber.target, links, delivery.id));
      } else {
        const body =
          subscriber.channel === "slack"
            ? slackMessage(summary)
            : subscriber.channel === "discord"
              ? discordMessage(summary)
              : subscriber.channel === "teams"
                ? teamsMessage(summary)
                : (statuspageWebhookBody(context, links.unsubscribeUrl) ?? {
                    meta: { unsubscribe: links.unsubscribeUrl },
                    test: true,
                    message: summary.markdown,
                  });
        const payload = JSON.stringify(body);
        const headers: Record<string, string> = {};
        if (subscriber.signingSecret) {
          // Standard Webhooks: the id stays the same across retries, so receivers can drop repeats.
          const timestamp = new Date();
          headers["webhook-id"] = `msg_${delivery.id}`;
          headers["webhook-timestamp"] = String(Math.floor(timestamp.getTime() / 1000));
          headers["webhook-signature"] = new Webhook(subscriber.signingSecret).sign(`msg_${delivery.id}`, timestamp, payload);
        }
        const result = await perHost(hostOf(subscriber.target), () => sender.post(subscriber.target, payload, headers));
        if (!result.ok) throw new DeliveryFailed(result.error);
      }
    } catch (error) {
      const message = errorText(error);
      failed.set(delivery.id, message);
      await recordFailure(db, delivery.id, subscriber.id, message, lastTry.get(delivery.id) ?? false);
      return;
    }
    sent.push(delivery.id);
    await markSent(delivery.id, subscriber.id, subscriber.failureCount > 0);
  }
}

/**
 * Writes items in groups: an item given while no write is running starts one on the next turn of
 * the event loop (with every item given in this one); items given while a write runs wait for it
 * and go in the next, together. Each caller's promise settles with its own group's write.
 */
function groupCommit<T>(write: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let waiting: { items: T[]; done: Promise<void> } | null = null;
  let running: Promise<void> = Promise.resolve();
  return (item) => {
    if (!waiting) {
      const group: { items: T[]; done: Promise<void> } = { items: [], done: Promise.resolve() };
      group.done = running
        .catch(() => {})
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(() => {
          if (waiting === group) waiting = null;
          return write(group.items);
        });
      running = group.done;
      waiting = group;
    }
    waiting.items.push(item);
    return waiting.done;
  };
}

// Every recipient of one notification gets the same words: summarized once per context (which
// messageContext keeps per notification), not once per message.
const summaries = new WeakMap<MessageContext, MessageSummary>();
function summaryOf(context: MessageContext): MessageSummary {
  let summary = summaries.get(context);
  if (!summary) {
    summary = summarize(context);
    summaries.set(context, summary);
  }
  return summary;
}

async function recordFailure(
  db: DbOrTx,
  deliveryId: string,
  subscriberId: string,
  message: string,
  lastTry: boolean,
): Promise<void> {
  const now = new Date();
  await db.delivery.updateMany({
    where: { id: deliveryId },
    data: { state: lastTry ? "failed" : "retrying", attempts: { increment: 1 }, lastError: message },
  });
  const [subscriber] = await db.subscriber.updateManyAndReturn({
    where: { id: subscriberId },
    data: { failureCount: { increment: 1 }, lastError: message },
  });
  if (!subscriber) return;
  const failingSince = subscriber.failingSince ?? now;
  if (!subscriber.failingSince) await db.subscriber.updateMany({ where: { id: subscriberId }, data: { failingSince: now } });
  // Endpoints only: a mail server's hiccup says nothing about one address.
  if (
    subscriber.channel !== "email" &&
    subscriber.failureCount >= DISABLE_AFTER_FAILURES &&
    now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS
  ) {
    await db.subscriber.updateMany({
      where: { id: subscriberId },
      data: {
        state: "disabled",
        disabledReason: `Disabled ${now.toISOString().slice(0, 16).replace("T", " ")} UTC after ${subscriber.failureCount} failed deliveries since ${failingSince.toISOString().slice(0, 16).replace("T", " ")} UTC. Last error: ${message}`,
      },
    });
  }
}
