import type { PurgeStatus } from "@/lib/edge/purge-status.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";

/** The edge cache's purge target and how the last purges went (a failed one never fails a write). */
export function EdgeCacheStatus(props: { target: string | null; status: PurgeStatus | null; timeZone: string }) {
  const { target, status, timeZone } = props;
  const when = (instant: Date | null) => (instant ? formatInstant(instant, timeZone) : "never");
  const failing = status?.lastError != null;
  return (
    <section aria-labelledby="edge-cache-heading" className="mt-10 max-w-xl space-y-2 text-sm">
      <h2 id="edge-cache-heading" className="text-lg font-semibold">
        Edge cache
      </h2>
      {target === null ? (
        <p className="text-gray-600 dark:text-gray-400">
          No edge cache is purged (EDGE_PURGE is not set): a CDN in front keeps pages for 10 seconds.
        </p>
      ) : (
        <>
          <p>Purged on every change: {target}.</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="font-medium">Last purge</dt>
            <dd data-testid="edge-purge-state">
              {status?.lastAttemptAt ? (failing ? "failed, being retried" : "succeeded") : "none yet"}
              {status?.lastAttemptAt ? ` (${when(status.lastAttemptAt)})` : ""}
            </dd>
            <dt className="font-medium">Last success</dt>
            <dd>{when(status?.lastSuccessAt ?? null)}</dd>
            {failing ? (
              <>
                <dt className="font-medium">Error</dt>
                <dd className="break-words text-red-700 dark:text-red-300" role="alert">
                  {status?.lastError}
                </dd>
              </>
            ) : null}
          </dl>
        </>
      )}
    </section>
  );
}
