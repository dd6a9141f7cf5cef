import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { ConflictError, ForbiddenError } from "../errors.ts";
import { createIncident } from "../incidents/create-incident.ts";
import { getStatusPageData } from "../status-page/queries.ts";
import { createComponent } from "./create-component.ts";
import { deleteComponent } from "./delete-component.ts";
import { deleteComponentGroup } from "./delete-component-group.ts";
import { editComponent } from "./edit-component.ts";
import { saveComponentGroup } from "./save-component-group.ts";
import { setComponentStatus } from "./set-component-status.ts";

describe("components and groups", () => {
  it("an admin adds a group and components in order, moves one, and deletes the group leaving its components", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const { id: groupId } = await saveComponentGroup({ db, actor: admin, input: { name: "Platform" } });
    const { id: a } = await createComponent({ db, actor: admin, input: { name: "API", groupId } });
    const { id: b } = await createComponent({ db, actor: admin, input: { name: "Dashboard", groupId } });
    const rows = await db.component.findMany({ where: { groupId }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.name, r.position, r.status])).toEqual([
      ["API", 0, "operational"],
      ["Dashboard", 1, "operational"],
    ]);
    await editComponent({
      db,
      actor: admin,
      input: { componentId: b, version: 0, name: "Console", description: "", groupId: null },
    });
    await expect(
      editComponent({
        db,
        actor: admin,
        input: { componentId: b, version: 0, name: "Stale", description: "", groupId },
      }),
    ).rejects.toThrow(ConflictError);
    expect(await db.component.findUniqueOrThrow({ where: { id: b } })).toMatchObject({
      name: "Console",
      groupId: null,
      version: 1,
    });
    await deleteComponentGroup({ db, actor: admin, input: { groupId } });
    expect((await db.component.findUniqueOrThrow({ where: { id: a } })).groupId).toBeNull();
  });

  it("an editor sets a status directly, recorded in the history, but cannot add or delete components", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const editor = await makeStaff(db);
    const { id } = await createComponent({ db, actor: admin, input: { name: "Webhooks" } });
    await setComponentStatus({ db, actor: editor, input: { componentId: id, status: "partial_outage" } });
    const history = await db.componentStatusChange.findMany({ where: { componentId: id }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.status, h.source])).toEqual([
      ["operational", "manual"],
      ["partial_outage", "manual"],
    ]);
    expect((await db.component.findUniqueOrThrow({ where: { id } })).status).toBe("partial_outage");
    await expect(createComponent({ db, actor: editor, input: { name: "Nope" } })).rejects.toThrow(ForbiddenError);
    await expect(deleteComponent({ db, actor: editor, input: { componentId: id } })).rejects.toThrow(ForbiddenError);
  });

  it("deleting a component drops its history; incident updates keep its name", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const { id } = await createComponent({ db, actor: admin, input: { name: "SSO" } });
    const { id: incidentId } = await createIncident({
      db,
      actor: admin,
      input: {
        name: "SSO down",
        status: "investigating",
        message: "x",
        components: [{ componentId: id, status: "major_outage" }],
      },
    });
    await deleteComponent({ db, actor: admin, input: { componentId: id } });
    expect(await db.componentStatusChange.count({ where: { componentId: id } })).toBe(0);
    const change = await db.incidentUpdateComponent.findFirstOrThrow({ where: { update: { incidentId } } });
    expect(change).toMatchObject({ componentId: null, componentName: "SSO", newStatus: "major_outage" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "component.deleted", targetId: id } });
    expect(audit.before).toMatchObject({ name: "SSO", historyRows: 2 });
  });

  it("an admin hides a component's uptime, or the component itself while it is operational, on the public page", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const { id } = await createComponent({ db, actor: admin, input: { name: "Queue" } });
    const shown = async () => (await getStatusPageData(db)).groups.flatMap((g) => g.components).find((c) => c.id === id);
    expect(await shown()).toMatchObject({ name: "Queue" });
    const edit = { componentId: id, name: "Queue", description: "", groupId: null };
    await editComponent({ db, actor: admin, input: { ...edit, version: 0, showUptime: false, hideWhileOperational: true } });
    expect(await db.component.findUniqueOrThrow({ where: { id } })).toMatchObject({
      showUptime: false,
      hideWhileOperational: true,
    });
    expect(await shown()).toBeUndefined();
    await setComponentStatus({ db, actor: admin, input: { componentId: id, status: "degraded_performance" } });
    expect(await shown()).toMatchObject({ status: "degraded_performance" });
    // Without the two fields (the manage API's edits), they stay as they are.
    await editComponent({ db, actor: admin, input: { ...edit, version: 1, name: "Queues" } });
    expect(await db.component.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Queues", showUptime: false });
  });
});
