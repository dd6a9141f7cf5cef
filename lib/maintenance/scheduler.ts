import { type Db, getDb } from "../db/client.ts";
import { remindQuietIncidents } from "../incidents/remind-quiet-incidents.ts";
import { failureLog } from "../log/failure-log.ts";
import { remindDueMaintenance, runDueMaintenance } from "./run-due-maintenance.ts";

export const SCHEDULER_INTERVAL_MS = 15_000;

/** The longest interval a timer takes (Node runs a longer one every millisecond instead). */
const MAX_TIMER_MS = 2_147_483_647;

/** The interval a server's scheduler runs at: `UPSTATE_SCHEDULER_INTERVAL_MS`, else 15 s. */
export function schedulerIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const set = Number(env.UPSTATE_SCHEDULER_INTERVAL_MS);
  return Number.isInteger(set) && set >= 100 && set <= MAX_TIMER_MS ? set : SCHEDULER_INTERVAL_MS;
}

/**
 * Runs due maintenance now and then every `intervalMs`, in this server process. It keeps no state
 * of its own, so after a restart the first run catches up whatever fell due meanwhile; several
 * servers may run it at once (each window's row lock lets one of them act).
 */
export function startMaintenanceScheduler(
  options: { db?: Db; intervalMs?: number; log?: (message: string) => void } = {},
): () => void {
  const log = options.log ?? ((message: string) => console.log(`[upstate] ${message}`));
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const db = options.db ?? getDb();
      const reminded = await remindDueMaintenance(db);
      const { started, completed } = await runDueMaintenance(db);
      if (reminded.length || started.length || completed.length) {
        log(`maintenance: reminded ${reminded.length}, started ${started.length}, completed ${completed.length}`);
      }
      const quiet = await remindQuietIncidents(db);
      if (quiet.length) log(`staff reminders: ${quiet.length} quiet incident(s)`);
    } catch (error) {
      // While the database is away this fails at every tick: printed once, then counted (failure-log.ts).
      failureLog.report("[upstate] the maintenance scheduler failed; it retries at the next tick", error);
    } finally {
      running = false;
    }
  };
  const intervalMs = options.intervalMs ?? schedulerIntervalMs();
  log(`maintenance scheduler started (every ${intervalMs / 1000} s)`);
  void tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
