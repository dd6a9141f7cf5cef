import type { UpdateDeliveries } from "@/lib/notifications/delivery-summary.ts";
import { CHANNEL_LABELS } from "@/lib/subscribers/schemas.ts";

const MUTED = "text-sm text-gray-600 dark:text-gray-400";

/** Where an update's notification went: counts per channel, and endpoints that fail. */
export function DeliveryCounts({
  deliveries,
  deliverNotifications,
}: {
  deliveries: UpdateDeliveries | undefined;
  deliverNotifications: boolean | null;
}) {
  if (deliverNotifications === false) return <p className={`mt-2 ${MUTED}`}>Posted without notifying subscribers.</p>;
  // Updates imported or posted before notifications existed have none.
  if (!deliveries) return <p className={`mt-2 ${MUTED}`}>No notification was sent for this update.</p>;
  if (deliveries.waiting) return <p className={`mt-2 ${MUTED}`}>Notification queued: subscribers are being listed.</p>;
  if (deliveries.channels.length === 0) return <p className={`mt-2 ${MUTED}`}>Notified: no subscriber was concerned.</p>;
  return (
    <div className="mt-2 text-sm">
      <p className="font-medium">Notifications</p>
      <ul className={MUTED}>
        {deliveries.channels.map(({ channel, counts }) => (
          <li key={channel}>
            {CHANNEL_LABELS[channel]}: {counts.sent} sent · {counts.queued} queued · {counts.retrying} retrying ·{" "}
            <span className={counts.failed > 0 ? "font-semibold text-red-700 dark:text-red-400" : undefined}>
              {counts.failed} failed
            </span>
          </li>
        ))}
      </ul>
      {deliveries.failing.length > 0 ? (
        <details className="mt-1">
          <summary className="cursor-pointer font-medium text-red-700 dark:text-red-400">
            Failing endpoints ({deliveries.failing.length})
          </summary>
          <ul className="mt-1 space-y-1">
            {deliveries.failing.map((endpoint) => (
              <li key={endpoint.subscriberId} className="break-all">
                {CHANNEL_LABELS[endpoint.channel]} {endpoint.target} ({endpoint.state}):{" "}
                {endpoint.lastError ?? "no error recorded"}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
