import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeComponent, makeStaff } from "../../tests/support/factories.ts";
import { recordStatusChange } from "../components/record-status-change.ts";
import { createIncident } from "./create-incident.ts";
import { deleteIncident } from "./delete-incident.ts";

describe("deleteIncident", () => {
  it("removes the incident and the history it recorded, restoring its components, and keeps the audit row", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const webhooks = await makeComponent(db);
    await recordStatusChange(db, {
      componentId: webhooks.id,
      status: "degraded_performance",
      at: new Date("2024-01-01T00:00:00Z"),
      source: "manual",
    });
    const { id } = await createIncident({
      db,
      actor,
      input: {
        name: "Mistake",
        status: "investigating",
        message: "x",
        components: [{ componentId: webhooks.id, status: "major_outage" }],
      },
    });
    expect((await db.component.findUniqueOrThrow({ where: { id: webhooks.id } })).status).toBe("major_outage");
    await deleteIncident({ db, actor, input: { incidentId: id } });
    expect(await db.incident.findUnique({ where: { id } })).toBeNull();
    expect(await db.incidentUpdate.count({ where: { incidentId: id } })).toBe(0);
    const history = await db.componentStatusChange.findMany({ where: { componentId: webhooks.id } });
    expect(history.map((h) => h.status)).toEqual(["degraded_performance"]);
    expect((await db.component.findUniqueOrThrow({ where: { id: webhooks.id } })).status).toBe("degraded_performance");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "incident.deleted", targetId: id } });
    expect(audit.before).toMatchObject({ name: "Mistake" });
  });
});
