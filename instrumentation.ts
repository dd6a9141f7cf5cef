// Next.js calls register() once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.UPSTATE_SCHEDULER === "0") return;
  const holder = globalThis as unknown as { __upstateScheduler?: boolean };
  if (holder.__upstateScheduler) return;
  holder.__upstateScheduler = true;
  const { startMaintenanceScheduler } = await import("./lib/maintenance/scheduler.ts");
  startMaintenanceScheduler();
}
