import pg from "pg";
import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import type { Actor } from "../auth/actor.ts";
import { createComponent } from "../components/create-component.ts";
import { deleteComponent } from "../components/delete-component.ts";
import { moveComponent } from "../components/move-component.ts";
import type { Db } from "../db/client.ts";
import { ForbiddenError } from "../errors.ts";
import { updatePageSettings } from "../page/update-page-settings.ts";
import { createUser } from "./create-user.ts";
import { updateUserAccess } from "./update-user-access.ts";

// An action checks the session when it starts; the write happens a moment later. An admin
// disabled or demoted in that moment must be refused by the write itself.

const settings = {
  version: 0,
  name: "Hijacked",
  publicUrl: "",
  timeZone: "UTC",
  brandColor: "#000000",
  logoUrl: "",
  supportUrl: "",
};

/** Every admin-only write, each attempted by `actor` (an object read before the account changed). */
function adminWrites(db: Db, actor: Actor, targets: { userId: string; componentId: string }) {
  return {
    createUser: () => createUser({ db, actor, input: { email: `new-${Date.now()}@example.com`, name: "New", role: "admin" } }),
    enableUser: () => updateUserAccess({ db, actor, input: { userId: targets.userId }, change: { kind: "enable" } }),
    promoteUser: () =>
      updateUserAccess({ db, actor, input: { userId: targets.userId }, change: { kind: "role", role: "admin" } }),
    resetPassword: () => updateUserAccess({ db, actor, input: { userId: targets.userId }, change: { kind: "reset_password" } }),
    pageSettings: () => updatePageSettings({ db, actor, input: settings }),
    createComponent: () => createComponent({ db, actor, input: { name: "Sneaky" } }),
    deleteComponent: () => deleteComponent({ db, actor, input: { componentId: targets.componentId } }),
    moveComponent: () => moveComponent({ db, actor, input: { componentId: targets.componentId, direction: "down" } }),
  };
}

describe("a just-disabled or demoted admin", () => {
  it.each(["disable", "demote"] as const)(
    "is refused every admin write after being %sd (the actor object is stale)",
    async (how) => {
      const { db } = await ownDatabase();
      const stale = await makeStaff(db, { role: "admin" });
      const other = await makeStaff(db, { role: "admin" });
      const target = await makeStaff(db, { role: "editor", disabled: true });
      const { id: componentId } = await createComponent({ db, actor: other, input: { name: "API" } });
      await createComponent({ db, actor: other, input: { name: "Web" } });
      await updateUserAccess({
        db,
        actor: other,
        input: { userId: stale.id },
        change: how === "disable" ? { kind: "disable" } : { kind: "role", role: "editor" },
      });

      for (const [name, write] of Object.entries(adminWrites(db, stale, { userId: target.id, componentId }))) {
        await expect(write(), name).rejects.toThrow(ForbiddenError);
      }
      expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ disabled: true, role: "editor" });
      expect(await db.user.count()).toBe(3);
      expect(await db.component.count({ where: { name: "API" } })).toBe(1);
      expect(await db.pageSettings.count({ where: { name: "Hijacked" } })).toBe(0);
      expect(await db.auditLog.count({ where: { actorId: stale.id } })).toBe(0);
    },
  );

  it("is refused when the disabling commits while the write is waiting", async () => {
    const { db, url } = await ownDatabase();
    const stale = await makeStaff(db, { role: "admin" });
    await makeStaff(db, { role: "admin" });
    const target = await makeStaff(db, { role: "editor", disabled: true });
    // Another admin's disabling, in flight: its row lock is held until it commits.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query("BEGIN");
    await other.query(`UPDATE "User" SET disabled = true WHERE id = $1`, [stale.id]);
    const write = updateUserAccess({ db, actor: stale, input: { userId: target.id }, change: { kind: "enable" } }).catch(
      (error: unknown) => error,
    );
    const pageWrite = updatePageSettings({ db, actor: stale, input: settings }).catch((error: unknown) => error);
    // Whether the writes reached the lock before this commit or not, they must see it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await other.query("COMMIT");
    await other.end();
    expect(await write).toBeInstanceOf(ForbiddenError);
    expect(await pageWrite).toBeInstanceOf(ForbiddenError);
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).disabled).toBe(true);
  });
});
