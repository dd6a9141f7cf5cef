import type { DbOrTx } from "../db/client.ts";
import type { SubscriberChannel } from "../subscribers/schemas.ts";

export const DELIVERY_STATES = ["queued", "sent", "retrying", "failed"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export type UpdateDeliveries = {
  /** The notification exists but its subscribers have not been listed yet. */
  waiting: boolean;
  channels: { channel: SubscriberChannel; counts: Record<DeliveryState, number> }[];
  /** Endpoints whose delivery failed or is being retried, with their last error. */
  failing: { subscriberId: string; channel: SubscriberChannel; target: string; state: DeliveryState; lastError: string | null }[];
};

/** Shown per update at most; the rest are counted, not listed. */
const FAILING_LISTED = 20;

/**
 * What became of each update's notification, for the incident's page in the admin: deliveries
 * by channel and state, and the endpoints that fail. Keyed by update id; updates posted without
 * notifying are absent.
 */
export async function deliverySummary(db: DbOrTx, incidentId: string): Promise<Map<string, UpdateDeliveries>> {
  const [notifications, counts, failing] = await Promise.all([
    db.notification.findMany({
      where: { incidentId, kind: "incident", updateId: { not: null } },
      select: { updateId: true, fannedOutAt: true },
    }),
    db.$queryRaw<{ updateId: string; channel: SubscriberChannel; state: DeliveryState; count: bigint }[]>`
      SELECT n."updateId", s.channel::text AS channel, d.state::text AS state, count(*) AS count
      FROM "Delivery" d
      JOIN "Notification" n ON n.id = d."notificationId"
      JOIN "Subscriber" s ON s.id = d."subscriberId"
      WHERE n."incidentId" = ${incidentId} AND n."updateId" IS NOT NULL
      GROUP BY 1, 2, 3`,
    db.$queryRaw<
      {
        updateId: string;
        subscriberId: string;
        channel: SubscriberChannel;
        target: string;
        state: DeliveryState;
        lastError: string | null;
      }[]
    >`
      SELECT "updateId", "subscriberId", channel, target, state, "lastError" FROM (
        SELECT n."updateId", s.id AS "subscriberId", s.channel::text AS channel, s.target, d.state::text AS state,
               d."lastError", row_number() OVER (PARTITION BY n."updateId" ORDER BY d."updatedAt" DESC, d.id) AS rank
        FROM "Delivery" d
        JOIN "Notification" n ON n.id = d."notificationId"
        JOIN "Subscriber" s ON s.id = d."subscriberId"
        WHERE n."incidentId" = ${incidentId} AND n."updateId" IS NOT NULL AND d.state IN ('failed', 'retrying')
      ) ranked WHERE rank <= ${FAILING_LISTED}`,
  ]);
  const summary = new Map<string, UpdateDeliveries>();
  const entry = (updateId: string) => {
    let found = summary.get(updateId);
    if (!found) {
      found = { waiting: false, channels: [], failing: [] };
      summary.set(updateId, found);
    }
    return found;
  };
  for (const notification of notifications) {
    if (notification.updateId && !notification.fannedOutAt) entry(notification.updateId).waiting = true;
    else if (notification.updateId) entry(notification.updateId);
  }
  for (const row of counts) {
    const update = entry(row.updateId);
    let channel = update.channels.find((c) => c.channel === row.channel);
    if (!channel) {
      channel = { channel: row.channel, counts: { queued: 0, sent: 0, retrying: 0, failed: 0 } };
      update.channels.push(channel);
    }
    channel.counts[row.state] += Number(row.count);
  }
  for (const row of failing) {
    const { updateId, ...endpoint } = row;
    entry(updateId).failing.push(endpoint);
  }
  return summary;
}
