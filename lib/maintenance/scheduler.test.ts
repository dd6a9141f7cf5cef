import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { scheduleMaintenance } from "./schedule-maintenance.ts";
import { SCHEDULER_INTERVAL_MS, schedulerIntervalMs, startMaintenanceScheduler } from "./scheduler.ts";

describe("startMaintenanceScheduler", () => {
  it("acts on windows that fell due before it started, and on later ones as they come due", async () => {
    const { db } = await ownDatabase();
    const actor = await makeStaff(db);
    const schedule = (from: number, to: number) =>
      scheduleMaintenance({
        db,
        actor,
        input: { name: "w", message: "m", scheduledFor: new Date(Date.now() + from), scheduledUntil: new Date(Date.now() + to) },
      });
    const past = await schedule(-3_600_000, -1_800_000);
    const soon = await schedule(300, 60_000);
    const stop = startMaintenanceScheduler({ db, intervalMs: 100, log: () => {} });
    try {
      const statusOf = async (id: string) => (await db.incident.findUniqueOrThrow({ where: { id } })).status;
      await expect.poll(() => statusOf(past.id), { timeout: 10_000 }).toBe("completed");
      await expect.poll(() => statusOf(soon.id), { timeout: 10_000 }).toBe("in_progress");
    } finally {
      stop();
    }
  });
});

describe("schedulerIntervalMs", () => {
  it("reads UPSTATE_SCHEDULER_INTERVAL_MS, and keeps 15 s for a value that is not a whole number of milliseconds a timer takes, from 100", () => {
    expect(schedulerIntervalMs({})).toBe(SCHEDULER_INTERVAL_MS);
    expect(SCHEDULER_INTERVAL_MS).toBe(15_000);
    expect(schedulerIntervalMs({ UPSTATE_SCHEDULER_INTERVAL_MS: "1000" })).toBe(1000);
    expect(schedulerIntervalMs({ UPSTATE_SCHEDULER_INTERVAL_MS: "2147483647" })).toBe(2_147_483_647);
    for (const wrong of ["", "soon", "99", "-5", "1.5", "0", "2147483648", "3000000000"]) {
      expect(schedulerIntervalMs({ UPSTATE_SCHEDULER_INTERVAL_MS: wrong })).toBe(SCHEDULER_INTERVAL_MS);
    }
  });
});
