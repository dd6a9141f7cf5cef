// Next.js calls register() once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const holder = globalThis as unknown as { __upstateStarted?: boolean };
  if (holder.__upstateStarted) return;
  holder.__upstateStarted = true;
  if (process.env.UPSTATE_SCHEDULER !== "0") {
    const { startMaintenanceScheduler } = await import("./lib/maintenance/scheduler.ts");
    startMaintenanceScheduler();
  }
  if (process.env.UPSTATE_WORKERS !== "0") {
    const { getDb } = await import("./lib/db/client.ts");
    const { startNotificationWorkers } = await import("./lib/notifications/workers.ts");
    startNotificationWorkers({ db: getDb() }).catch((error: unknown) => {
      console.error("[upstate] the notification workers could not start; notifications wait in the queue", error);
    });
    const { startAlertWorkers } = await import("./lib/alerts/workers.ts");
    startAlertWorkers({ db: getDb() }).catch((error: unknown) => {
      console.error("[upstate] the alert workers could not start; held statuses wait in the queue", error);
    });
  }
}

/**
 * Every error Next.js meets while rendering or answering a request. The server runs Next quietly
 * (lib/server/http-server.ts), so they are logged here, through the failure log: during a database
 * outage each failed render would otherwise print its stack (about 1 KB), at every request.
 */
export async function onRequestError(error: unknown, _request: unknown, context: { routePath?: string; routeType?: string }) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { failureLog } = await import("./lib/log/failure-log.ts");
  // The route's pattern (`/incidents/[id]`), never the URL: a few subjects, whatever is requested.
  failureLog.report(`[upstate] ${context.routeType ?? "request"} ${context.routePath ?? ""} failed`, error);
}
