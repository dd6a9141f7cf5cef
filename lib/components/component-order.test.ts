import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import type { Db } from "../db/client.ts";
import { ForbiddenError, InvalidError } from "../errors.ts";
import { getStatusPageData } from "../status-page/queries.ts";
import { createComponent } from "./create-component.ts";
import { deleteComponentGroup } from "./delete-component-group.ts";
import { editComponent } from "./edit-component.ts";
import { moveComponent } from "./move-component.ts";
import { moveComponentGroup } from "./move-component-group.ts";
import { saveComponentGroup } from "./save-component-group.ts";

/** What the public page lists, top to bottom: a group as `Group: A, B`, an ungrouped component by name. */
async function publicOrder(db: Db): Promise<string[]> {
  const { groups } = await getStatusPageData(db);
  return groups.map((g) => (g.name ? `${g.name}: ${g.components.map((c) => c.name).join(", ")}` : g.components[0]!.name));
}

async function positionsIn(db: Db, groupId: string | null) {
  const rows = await db.component.findMany({ where: { groupId }, orderBy: { position: "asc" } });
  return rows.map((r) => [r.name, r.position]);
}

async function setUp() {
  const { db } = await ownDatabase();
  const admin = await makeStaff(db, { role: "admin" });
  const group = async (name: string) => (await saveComponentGroup({ db, actor: admin, input: { name } })).id;
  const component = async (name: string, groupId: string | null = null) =>
    (await createComponent({ db, actor: admin, input: { name, groupId } })).id;
  return { db, admin, group, component };
}

describe("reordering components and groups", () => {
  it("moves a component within its group, renumbering positions and writing one audit row per move", async () => {
    const { db, admin, group, component } = await setUp();
    const platform = await group("Platform");
    await component("API", platform);
    await component("Dashboard", platform);
    const webhooks = await component("Webhooks", platform);

    expect(await moveComponent({ db, actor: admin, input: { componentId: webhooks, direction: "up" } })).toEqual({
      name: "Webhooks",
      index: 2,
      count: 3,
      moved: true,
    });
    expect(await positionsIn(db, platform)).toEqual([
      ["API", 0],
      ["Webhooks", 1],
      ["Dashboard", 2],
    ]);
    expect(await publicOrder(db)).toEqual(["Platform: API, Webhooks, Dashboard"]);
    const audit = await db.auditLog.findMany({ where: { action: "component.moved", targetId: webhooks } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      before: { scope: "group “Platform”", position: 2, order: ["API", "Dashboard", "Webhooks"] },
      after: { scope: "group “Platform”", position: 1, order: ["API", "Webhooks", "Dashboard"] },
    });
  });

  it("leaves the first component in place when moved up, without an audit row", async () => {
    const { db, admin, group, component } = await setUp();
    const platform = await group("Platform");
    const api = await component("API", platform);
    await component("Dashboard", platform);
    const result = await moveComponent({ db, actor: admin, input: { componentId: api, direction: "up" } });
    expect(result).toEqual({ name: "API", index: 1, count: 2, moved: false });
    expect(await positionsIn(db, platform)).toEqual([
      ["API", 0],
      ["Dashboard", 1],
    ]);
    expect(await db.auditLog.count({ where: { action: "component.moved" } })).toBe(0);
  });

  it("moves groups and ungrouped components among each other, as the public page interleaves them", async () => {
    const { db, admin, group, component } = await setUp();
    const auth = await group("Authentication");
    await component("SSO", auth);
    const api = await component("API");
    const platform = await group("Platform");
    await component("Dashboard", platform);
    expect(await publicOrder(db)).toEqual(["Authentication: SSO", "API", "Platform: Dashboard"]);

    await moveComponentGroup({ db, actor: admin, input: { groupId: platform, direction: "up" } });
    expect(await publicOrder(db)).toEqual(["Authentication: SSO", "Platform: Dashboard", "API"]);
    await moveComponent({ db, actor: admin, input: { componentId: api, direction: "up" } });
    await moveComponent({ db, actor: admin, input: { componentId: api, direction: "up" } });
    expect(await publicOrder(db)).toEqual(["API", "Authentication: SSO", "Platform: Dashboard"]);
    expect(await db.auditLog.count({ where: { action: "component_group.moved", targetId: platform } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "component.moved", targetId: api } })).toBe(2);
  });

  it("puts a component moved to another group last in it, and one taken out of its group last on the page", async () => {
    const { db, admin, group, component } = await setUp();
    const auth = await group("Authentication");
    const sso = await component("SSO", auth);
    await component("AuthKit", auth);
    const platform = await group("Platform");
    await component("Dashboard", platform);
    await component("Webhooks", platform);
    const edit = (componentId: string, name: string, version: number, groupId: string | null) =>
      editComponent({ db, actor: admin, input: { componentId, version, name, description: "", groupId } });

    await edit(sso, "SSO", 0, platform);
    expect(await publicOrder(db)).toEqual(["Authentication: AuthKit", "Platform: Dashboard, Webhooks, SSO"]);
    await edit(sso, "SSO", 1, null);
    expect(await publicOrder(db)).toEqual(["Authentication: AuthKit", "Platform: Dashboard, Webhooks", "SSO"]);

    // A form still offering a group another admin deleted gets a field error, not a server error.
    await deleteComponentGroup({ db, actor: admin, input: { groupId: auth } });
    const refused = await edit(sso, "SSO", 2, auth).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidError);
    expect((refused as InvalidError).fieldErrors).toEqual({ groupId: "This group was deleted meanwhile: choose another." });
    expect(await db.component.findUniqueOrThrow({ where: { id: sso } })).toMatchObject({ groupId: null, version: 2 });
  });

  it("keeps a deleted group's components in its place on the page, in its order", async () => {
    const { db, admin, group, component } = await setUp();
    await component("API");
    const auth = await group("Authentication");
    await component("SSO", auth);
    await component("AuthKit", auth);
    await component("Status");
    await deleteComponentGroup({ db, actor: admin, input: { groupId: auth } });
    expect(await publicOrder(db)).toEqual(["API", "SSO", "AuthKit", "Status"]);
    expect(await positionsIn(db, null)).toEqual([
      ["API", 0],
      ["SSO", 1],
      ["AuthKit", 2],
      ["Status", 3],
    ]);
  });

  it("refuses an editor, changing nothing and writing no audit row", async () => {
    const { db, group, component } = await setUp();
    const editor = await makeStaff(db, { role: "editor" });
    const platform = await group("Platform");
    await component("API", platform);
    const dashboard = await component("Dashboard", platform);
    await expect(moveComponent({ db, actor: editor, input: { componentId: dashboard, direction: "up" } })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(moveComponentGroup({ db, actor: editor, input: { groupId: platform, direction: "down" } })).rejects.toThrow(
      ForbiddenError,
    );
    expect(await positionsIn(db, platform)).toEqual([
      ["API", 0],
      ["Dashboard", 1],
    ]);
    expect(await db.auditLog.count({ where: { action: { endsWith: ".moved" } } })).toBe(0);
  });

  it("gives every component its own position when two admins move at once", async () => {
    const { db, admin, group, component } = await setUp();
    const platform = await group("Platform");
    const ids = [];
    for (const name of ["A", "B", "C", "D", "E"]) ids.push(await component(name, platform));
    await Promise.all([
      moveComponent({ db, actor: admin, input: { componentId: ids[1]!, direction: "down" } }),
      moveComponent({ db, actor: admin, input: { componentId: ids[2]!, direction: "down" } }),
      moveComponent({ db, actor: admin, input: { componentId: ids[3]!, direction: "up" } }),
    ]);
    const positions = (await positionsIn(db, platform)).map(([, position]) => position);
    expect(positions).toEqual([0, 1, 2, 3, 4]);
    expect(await db.auditLog.count({ where: { action: "component.moved" } })).toBe(3);
  });
});
