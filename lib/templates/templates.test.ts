import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import type { InvalidError } from "../errors.ts";
import { deleteTemplate } from "./delete-template.ts";
import { saveTemplate } from "./save-template.ts";

describe("incident templates", () => {
  it("are created, changed and deleted, each audited", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const { id } = await saveTemplate({
      db,
      actor,
      input: { name: "Investigating", title: "", status: "investigating", body: "We are looking." },
    });
    expect(await db.incidentTemplate.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: null,
      status: "investigating",
    });
    await saveTemplate({
      db,
      actor,
      input: { templateId: id, name: "Investigating", title: "Degraded", status: "", body: "Still looking." },
    });
    expect(await db.incidentTemplate.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: "Degraded",
      status: null,
      body: "Still looking.",
    });
    await deleteTemplate({ db, actor, input: { templateId: id } });
    expect(await db.incidentTemplate.findUnique({ where: { id } })).toBeNull();
    const actions = await db.auditLog.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["template.created", "template.edited", "template.deleted"]);
  });

  it("need a name and a message", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const error = await saveTemplate({ db, actor, input: { name: " ", title: "", body: "" } }).catch((e: unknown) => e);
    expect(Object.keys((error as InvalidError).fieldErrors).sort()).toEqual(["body", "name"]);
  });
});
