import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { listAuditEntries, listAuditTargetTypes } from "./queries.ts";
import { writeAudit } from "./write-audit.ts";

describe("listAuditEntries", () => {
  it("filters by actor, target type and action, newest first", async () => {
    const { db } = await ownDatabase();
    const ann = await makeStaff(db, { email: "ann@example.com" });
    const bob = await makeStaff(db, { email: "bob@example.com" });
    await writeAudit(db, {
      actor: ann,
      action: "incident.created",
      targetType: "incident",
      targetId: "i1",
      after: { at: new Date(0) },
    });
    await writeAudit(db, { actor: bob, action: "incident.update_posted", targetType: "incident_update", targetId: "u1" });
    await writeAudit(db, { actor: ann, action: "user.disable", targetType: "user", targetId: "x" });
    expect((await listAuditEntries(db, {})).map((e) => e.action)).toEqual([
      "user.disable",
      "incident.update_posted",
      "incident.created",
    ]);
    expect((await listAuditEntries(db, { actor: "ANN" })).map((e) => e.action)).toEqual(["user.disable", "incident.created"]);
    expect((await listAuditEntries(db, { targetType: "incident" })).map((e) => e.targetId)).toEqual(["i1"]);
    expect((await listAuditEntries(db, { action: "incident." })).length).toBe(2);
    expect(await listAuditTargetTypes(db)).toEqual(["incident", "incident_update", "user"]);
    const [created] = await listAuditEntries(db, { targetType: "incident" });
    expect(created?.after).toEqual({ at: "1970-01-01T00:00:00.000Z" });
  });
});
