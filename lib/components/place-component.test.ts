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
    expect(await publicOrder(db)).toEqual(["A", "B"]);
    expect(await db.auditLog.count({ where: { action: "component.moved" } })).toBe(0);
  });
});
