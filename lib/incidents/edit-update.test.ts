import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeComponent, makeStaff } from "../../tests/support/factories.ts";
import { ConflictError } from "../errors.ts";
import { getPageSettings } from "../page/queries.ts";
import { formatInstant } from "../time/format-instant.ts";
import { createIncident } from "./create-incident.ts";
import { editIncident } from "./edit-incident.ts";
import { editUpdate } from "./edit-update.ts";
import { resolveIncident } from "./resolve-incident.ts";

const at = (iso: string) => new Date(iso);

describe("editUpdate", () => {
  it("changes the text and time, marks it edited, and moves its status changes and the derived instants", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const api = await makeComponent(db);
    const { id } = await createIncident({
      db,
      actor,
      input: {
        name: "API down",
        status: "investigating",
        message: "Down.",
        displayAt: at("2024-07-11T20:00:00Z"),
        components: [{ componentId: api.id, status: "major_outage" }],
      },
    });
    const { id: resolutionId } = await resolveIncident({
      db,
      actor,
      input: { incidentId: id, message: "Up.", displayAt: at("2024-07-11T20:30:00Z") },
    });
    await editUpdate({
      db,
      actor,
      input: { updateId: resolutionId, version: 0, message: "Up again.", displayAt: at("2024-07-11T20:45:00Z") },
    });
    const update = await db.incidentUpdate.findUniqueOrThrow({ where: { id: resolutionId } });
    expect(update).toMatchObject({ body: "Up again.", displayAt: at("2024-07-11T20:45:00Z"), version: 1 });
    expect(update.editedAt).not.toBeNull();
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).resolvedAt).toEqual(at("2024-07-11T20:45:00Z"));
    const history = await db.componentStatusChange.findMany({ where: { componentId: api.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.status, h.at])).toEqual([
      ["major_outage", at("2024-07-11T20:00:00Z")],
      ["operational", at("2024-07-11T20:45:00Z")],
    ]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "incident.update_edited", targetId: resolutionId } });
    expect(audit.before).toMatchObject({ body: "Up." });
    expect(audit.after).toMatchObject({ body: "Up again." });
  });

  it("refuses a second save of a stale version, saying who changed it and what it reads now", async () => {
    const db = testDb();
    const first = await makeStaff(db);
    const second = await makeStaff(db);
    const { id } = await createIncident({
      db,
      actor: first,
      input: { name: "Race", status: "investigating", message: "Original." },
    });
    const update = await db.incidentUpdate.findFirstOrThrow({ where: { incidentId: id } });
    await editUpdate({
      db,
      actor: first,
      input: { updateId: update.id, version: 0, message: "First edit.", displayAt: new Date("2024-07-11T20:01:00Z") },
    });
    const error = await editUpdate({
      db,
      actor: second,
      input: { updateId: update.id, version: 0, message: "Second edit.", displayAt: update.displayAt },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toContain(first.email);
    expect((error as ConflictError).message).toContain("First edit.");
    // A change of time alone is shown too, as the page shows it.
    const { timeZone } = await getPageSettings(db);
    expect((error as ConflictError).message).toContain(`shown at ${formatInstant(new Date("2024-07-11T20:01:00Z"), timeZone)}`);
    expect((error as ConflictError).currentVersion).toBe(1);
    expect((await db.incidentUpdate.findUniqueOrThrow({ where: { id: update.id } })).body).toBe("First edit.");
  });
});

describe("editIncident", () => {
  it("renames and overrides impact, and refuses a stale version", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const { id } = await createIncident({ db, actor, input: { name: "Old name", status: "investigating", message: "x" } });
    const { version } = await db.incident.findUniqueOrThrow({ where: { id } });
    await editIncident({ db, actor, input: { incidentId: id, version, name: "New name", impactOverride: "major" } });
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "New name", impact: "major" });
    await expect(
      editIncident({ db, actor, input: { incidentId: id, version, name: "Stale", impactOverride: null } }),
    ).rejects.toThrow(/now “New name”/);
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).name).toBe("New name");
  });
});
