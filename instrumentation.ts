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
    const { startEdgePurgeWorker } = await import("./lib/edge/purge-worker.ts");
    startEdgePurgeWorker({ db: getDb() }).catch((error: unknown) => {
      console.error("[upstate] the edge purge worker could not start; purges wait in the queue", error);
    });
  }
}
