// Next.js calls register() once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.UPSTATE_SCHEDULER === "0") return;
  const holder = globalThis as unknown as { __upstateScheduler?: boolean };
  if (holder.__upstateScheduler) return;
  holder.__upstateScheduler = true;
  const { startMaintenanceScheduler } = await import("./lib/maintenance/scheduler.ts");
  startMaintenanceScheduler();
  if (process.env.UPSTATE_WORKERS !== "0") {
    const { getDb } = await import("./lib/db/client.ts");
    const { startNotificationWorkers } = await import("./lib/notifications/workers.ts");
    startNotificationWorkers({ db: getDb() }).catch((error: unknown) => {
      console.error("[upstate] the notification workers could not start; notifications wait in the queue", error);
    });
  }
}
