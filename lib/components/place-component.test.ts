import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { ForbiddenError, InvalidError, NotFoundError } from "../errors.ts";
import { getStatusPageData } from "../status-page/queries.ts";
import { createComponent } from "./create-component.ts";
import { placeComponent } from "./place-component.ts";
import { placeComponentGroup } from "./place-component-group.ts";
import { saveComponentGroup } from "./save-component-group.ts";

/** What the public page lists, top to bottom: a group as `Group: A, B`, an ungrouped component by name. */
async function publicOrder(db: Db): Promise<string[]> {
  const { groups } = await getStatusPageData(db);
  return groups.map((g) => (g.name ? `${g.name}: ${g.components.map((c) => c.name).join(", ")}` : g.components[0]!.name));
}

describe("placing components and groups (drag and drop)", () => {
  it("puts a component at a place in its group and a group among the top level, past the end meaning last", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const { id: platform } = await saveComponentGroup({ db, actor: admin, input: { name: "Platform" } });
    const add = async (name: string, groupId: string | null = null) =>
      (await createComponent({ db, actor: admin, input: { name, groupId } })).id;
    const api = await add("API", platform);
    await add("Dashboard", platform);
    const webhooks = await add("Webhooks", platform);
    await add("Billing");
    expect(await publicOrder(db)).toEqual(["Platform: API, Dashboard, Webhooks", "Billing"]);

    expect(await placeComponent({ db, actor: admin, input: { componentId: webhooks, index: 0 } })).toEqual({
      name: "Webhooks",
      index: 1,
      count: 3,
      moved: true,
    });
    expect(await publicOrder(db)).toEqual(["Platform: Webhooks, API, Dashboard", "Billing"]);
    await placeComponent({ db, actor: admin, input: { componentId: api, index: 99 } });
    expect(await publicOrder(db)).toEqual(["Platform: Webhooks, Dashboard, API", "Billing"]);
    expect(await placeComponent({ db, actor: admin, input: { componentId: api, index: 2 } })).toMatchObject({ moved: false });

    await placeComponentGroup({ db, actor: admin, input: { groupId: platform, index: 1 } });
    expect(await publicOrder(db)).toEqual(["Billing", "Platform: Webhooks, Dashboard, API"]);
    const audit = await db.auditLog.findMany({ where: { action: "component_group.moved", targetId: platform } });
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      [
        { scope: "top level", position: 0, order: ["Platform", "Billing"] },
        { scope: "top level", position: 1, order: ["Billing", "Platform"] },
      ],
    ]);
    expect(await db.auditLog.count({ where: { action: "component.moved" } })).toBe(2);
  });

  it("moves a component into another group, out of its group and into one, at a place or last", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const { id: platform } = await saveComponentGroup({ db, actor: admin, input: { name: "Platform" } });
    const { id: auth } = await saveComponentGroup({ db, actor: admin, input: { name: "Auth" } });
    const { id: empty } = await saveComponentGroup({ db, actor: admin, input: { name: "Empty" } });
    const add = async (name: string, groupId: string | null = null) =>
      (await createComponent({ db, actor: admin, input: { name, groupId } })).id;
    const api = await add("API", platform);
    const dashboard = await add("Dashboard", platform);
    await add("SSO", auth);
    await add("AuthKit", auth);
    const billing = await add("Billing");
    expect(await publicOrder(db)).toEqual(["Platform: API, Dashboard", "Auth: SSO, AuthKit", "Billing"]);
    const versionOf = async (id: string) => (await db.component.findUniqueOrThrow({ where: { id } })).version;
    const before = await versionOf(dashboard);

    // Dropped on AuthKit's place in another group.
    expect(await placeComponent({ db, actor: admin, input: { componentId: dashboard, index: 1, toGroupId: auth } })).toEqual({
      name: "Dashboard",
      index: 2,
      count: 3,
      moved: true,
      into: "group “Auth”",
    });
    expect(await publicOrder(db)).toEqual(["Platform: API", "Auth: SSO, Dashboard, AuthKit", "Billing"]);
    // Its editor, opened before, now conflicts rather than putting it back.
    expect(await versionOf(dashboard)).toBe(before + 1);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "component.moved", targetId: dashboard } });
    expect([audit.before, audit.after]).toEqual([
      { scope: "group “Platform”", position: 1, order: ["API", "Dashboard"] },
      { scope: "group “Auth”", position: 1, order: ["SSO", "Dashboard", "AuthKit"] },
    ]);

    // Out of its group to the top level, at the first place: Platform is left empty (kept, and
    // hidden by the public page).
    await placeComponent({ db, actor: admin, input: { componentId: api, index: 0, toGroupId: null } });
    expect(await publicOrder(db)).toEqual(["API", "Auth: SSO, Dashboard, AuthKit", "Billing"]);
    expect(await db.componentGroup.count({ where: { id: platform } })).toBe(1);
    // Into a group without a place ("Move to group"): last, even in an empty group.
    expect(await placeComponent({ db, actor: admin, input: { componentId: billing, toGroupId: empty } })).toMatchObject({
      index: 1,
      count: 1,
      into: "group “Empty”",
    });
    await placeComponent({ db, actor: admin, input: { componentId: api, toGroupId: auth } });
    expect(await publicOrder(db)).toEqual(["Auth: SSO, Dashboard, AuthKit, API", "Empty: Billing"]);
    // Its own group named without a place leaves it there; with one, it is a move within it.
    expect(await placeComponent({ db, actor: admin, input: { componentId: dashboard, toGroupId: auth } })).toEqual({
      name: "Dashboard",
      index: 2,
      count: 4,
      moved: false,
    });
    expect(await placeComponent({ db, actor: admin, input: { componentId: api, index: 0, toGroupId: auth } })).toMatchObject({
      index: 1,
      count: 4,
      moved: true,
    });
    expect(await publicOrder(db)).toEqual(["Auth: API, SSO, Dashboard, AuthKit", "Empty: Billing"]);

    await expect(placeComponent({ db, actor: admin, input: { componentId: api, toGroupId: "gone" } })).rejects.toThrow(
      NotFoundError,
    );
    expect(await publicOrder(db)).toEqual(["Auth: API, SSO, Dashboard, AuthKit", "Empty: Billing"]);
  });

  it("editors and signed-out users are refused; an unknown id or a negative place writes nothing", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const editor = await makeStaff(db);
    const a = (await createComponent({ db, actor: admin, input: { name: "A" } })).id;
    await createComponent({ db, actor: admin, input: { name: "B" } });
    await expect(placeComponent({ db, actor: editor, input: { componentId: a, index: 1 } })).rejects.toThrow(ForbiddenError);
    await expect(placeComponent({ db, actor: null as unknown as Actor, input: { componentId: a, index: 1 } })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(placeComponent({ db, actor: admin, input: { componentId: "gone", index: 0 } })).rejects.toThrow(NotFoundError);
    await expect(placeComponentGroup({ db, actor: admin, input: { groupId: "gone", index: 0 } })).rejects.toThrow(NotFoundError);
    await expect(placeComponent({ db, actor: admin, input: { componentId: a, index: -1 } })).rejects.toThrow(InvalidError);
    const { id: group } = await saveComponentGroup({ db, actor: admin, input: { name: "G" } });
    await expect(placeComponent({ db, actor: editor, input: { componentId: a, toGroupId: group } })).rejects.toThrow(
      ForbiddenError,
    );
    expect(await publicOrder(db)).toEqual(["A", "B"]);
    expect(await db.component.count({ where: { groupId: group } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "component.moved" } })).toBe(0);
  });
});
