import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeComponent } from "../../tests/support/factories.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { queueNotifications } from "../notifications/queue-notification.ts";
import { recordStatusChanges } from "./record-status-change.ts";

// Several changes recorded in one statement: the history in the given order, and each component's
// current status its newest change, stored before or recorded now.

describe("recording several status changes at once", () => {
  it("keeps them in order, and sets each component to its newest change, a later stored one included", async () => {
    const db = testDb();
    const [api, web] = await Promise.all([makeComponent(db), makeComponent(db)]);
    const now = new Date();
    const later = new Date(now.getTime() + 60_000);
    // Web already has a change after the ones recorded below.
    await db.componentStatusChange.create({
      data: { componentId: web.id, status: "under_maintenance", at: later, source: "maintenance" },
    });
    await db.component.update({ where: { id: web.id }, data: { status: "under_maintenance" } });

    await recordStatusChanges(db, [
      { componentId: api.id, status: "major_outage", at: now, source: "manual" },
      { componentId: web.id, status: "partial_outage", at: now, source: "manual" },
      { componentId: api.id, status: "degraded_performance", at: now, source: "manual" },
    ]);

    const history = await db.componentStatusChange.findMany({ where: { componentId: api.id }, orderBy: { id: "asc" } });
    expect(history.map((change) => change.status)).toEqual(["major_outage", "degraded_performance"]);
    const current = await db.component.findMany({ where: { id: { in: [api.id, web.id] } } });
    // Of two changes at one instant the later given wins; a change before a stored one does not override it.
    expect(current.find((c) => c.id === api.id)?.status).toBe("degraded_performance");
    expect(current.find((c) => c.id === web.id)?.status).toBe("under_maintenance");
  });

  it("stamps history, audit and notification rows with when they were written, not when their transaction began", async () => {
    const db = testDb();
    const component = await makeComponent(db);
    const began = await db.$transaction(async (tx) => {
      const [start] = await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
      await tx.$executeRaw`SELECT pg_sleep(0.3)`;
      const at = new Date();
      await recordStatusChanges(tx, [{ componentId: component.id, status: "major_outage", at, source: "manual" }]);
      await writeAudit(tx, { actor: null, action: "test.stamp", targetType: "component", targetId: component.id });
      await queueNotifications(tx, [
        { kind: "component", componentId: component.id, oldStatus: "operational", newStatus: "major_outage", at },
      ]);
      return start!.now.getTime();
    });
    const change = await db.componentStatusChange.findFirstOrThrow({ where: { componentId: component.id } });
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: component.id, action: "test.stamp" } });
    const notification = await db.notification.findFirstOrThrow({ where: { componentId: component.id } });
    for (const stamp of [change.createdAt, audit.at, notification.createdAt]) {
      expect(stamp.getTime() - began).toBeGreaterThanOrEqual(250);
    }
    // Ids made here sort with Prisma's own: `c` and then the time.
    expect(notification.id).toMatch(/^c[a-z0-9]{24}$/);
  });
});
