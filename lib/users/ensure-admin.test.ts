import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { verifyPassword } from "../auth/password.ts";
import { DEFAULT_ADMIN_EMAIL, ensureAdmin } from "./ensure-admin.ts";

describe("ensureAdmin", () => {
  it("creates admin@example.com with a random password on first start, and only then", async () => {
    const { db } = await ownDatabase();
    const first = await ensureAdmin({ db });
    expect(first?.email).toBe(DEFAULT_ADMIN_EMAIL);
    expect(first?.password.length).toBeGreaterThanOrEqual(12);
    const user = await db.user.findUniqueOrThrow({ where: { email: DEFAULT_ADMIN_EMAIL } });
    expect(user.role).toBe("admin");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash!, first!.password)).toBe(true);
    expect(await ensureAdmin({ db })).toBeNull();
    expect(await db.user.count()).toBe(1);
  });

  it("creates or resets the admin from ADMIN_EMAIL/ADMIN_PASSWORD, re-enabling it", async () => {
    const { db } = await ownDatabase();
    await ensureAdmin({ db, email: "Ops@Example.com", password: "first-password" });
    await db.user.update({ where: { email: "ops@example.com" }, data: { disabled: true, role: "editor" } });
    const again = await ensureAdmin({ db, email: "ops@example.com", password: "second-password" });
    expect(again?.created).toBe(false);
    const user = await db.user.findUniqueOrThrow({ where: { email: "ops@example.com" } });
    expect(user).toMatchObject({ role: "admin", disabled: false });
    expect(await verifyPassword(user.passwordHash!, "second-password")).toBe(true);
    expect(await verifyPassword(user.passwordHash!, "first-password")).toBe(false);
    expect(await db.auditLog.count({ where: { targetId: user.id } })).toBe(2);
  });
});
