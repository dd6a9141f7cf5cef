import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { scheduleMaintenance } from "./schedule-maintenance.ts";
import { startMaintenanceScheduler } from "./scheduler.ts";

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
