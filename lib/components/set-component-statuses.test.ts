import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeComponent, makeStaff } from "../../tests/support/factories.ts";
import type { Actor } from "../auth/actor.ts";
import { ForbiddenError, InvalidError, NotFoundError } from "../errors.ts";
import { getStatusPageData } from "../status-page/queries.ts";
import { setComponentStatuses } from "./set-component-statuses.ts";

describe("setComponentStatuses", () => {
  it("an editor sets one status on several components: history, a notification and an audit row each", async () => {
    const { db } = await ownDatabase();
    const editor = await makeStaff(db);
    const api = await makeComponent(db, { name: "API" });
    const web = await makeComponent(db, { name: "Web" });
    const down = await makeComponent(db, { name: "Search", status: "major_outage" });
    const untouched = await makeComponent(db, { name: "Billing" });
    const result = await setComponentStatuses({
      db,
      actor: editor,
      input: { componentIds: [api.id, web.id, down.id, api.id], status: "major_outage" },
    });
    expect(result).toEqual({ changed: 2, unchanged: 1 });
    const statuses = await db.component.findMany({ orderBy: { name: "asc" }, select: { name: true, status: true } });
    expect(statuses).toEqual([
      { name: "API", status: "major_outage" },
      { name: "Billing", status: "operational" },
      { name: "Search", status: "major_outage" },
      { name: "Web", status: "major_outage" },
    ]);
    const changes = await db.componentStatusChange.findMany({ where: { source: "manual" }, select: { componentId: true } });
    expect(changes.map((c) => c.componentId).sort()).toEqual([api.id, web.id].sort());
    const notifications = await db.notification.findMany({ where: { kind: "component" }, select: { componentId: true } });
    expect(notifications.map((n) => n.componentId).sort()).toEqual([api.id, web.id].sort());
    const audit = await db.auditLog.findMany({ where: { action: "component.status_set" } });
    expect(audit.map((a) => [a.targetId, a.actorId]).sort()).toEqual(
      [
        [api.id, editor.id],
        [web.id, editor.id],
      ].sort(),
    );
    expect(await db.component.findUniqueOrThrow({ where: { id: untouched.id } })).toMatchObject({ status: "operational" });
    const page = await getStatusPageData(db);
    const shown = page.groups.flatMap((g) => g.components);
    expect(shown.find((c) => c.id === api.id)?.status).toBe("major_outage");
  });

  it("a whole group at once, without telling subscribers when asked not to", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const group = await db.componentGroup.create({ data: { name: "Platform" } });
    const a = await makeComponent(db);
    const b = await makeComponent(db);
    const outside = await makeComponent(db);
    await db.component.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { groupId: group.id } });
    await setComponentStatuses({
      db,
      actor: admin,
      input: { groupIds: [group.id], componentIds: [a.id], status: "under_maintenance", deliverNotifications: false },
    });
    const maintained = await db.component.findMany({ where: { status: "under_maintenance" }, select: { id: true } });
    expect(maintained.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(maintained.map((c) => c.id)).not.toContain(outside.id);
    expect(await db.notification.count()).toBe(0);
  });

  it("an unknown id writes nothing; signed out is refused; an empty choice names the field", async () => {
    const { db } = await ownDatabase();
    const editor = await makeStaff(db);
    const a = await makeComponent(db);
    await expect(
      setComponentStatuses({ db, actor: editor, input: { componentIds: [a.id, "gone"], status: "partial_outage" } }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      setComponentStatuses({ db, actor: editor, input: { componentIds: [a.id], groupIds: ["gone"], status: "partial_outage" } }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      setComponentStatuses({ db, actor: null as unknown as Actor, input: { componentIds: [a.id], status: "partial_outage" } }),
    ).rejects.toThrow(ForbiddenError);
    const empty = await setComponentStatuses({ db, actor: editor, input: { componentIds: [], status: "partial_outage" } }).catch(
      (error: unknown) => error,
    );
    expect(empty).toBeInstanceOf(InvalidError);
    expect((empty as InvalidError).fieldErrors).toEqual({ componentIds: "Choose at least one component." });
    expect(await db.component.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "operational" });
    expect(await db.componentStatusChange.count({ where: { componentId: a.id } })).toBe(0);
    expect(await db.notification.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: "component.status_set" } })).toBe(0);
  });
});
