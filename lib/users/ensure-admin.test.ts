import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { verifyPassword } from "../auth/password.ts";
import { createDb } from "../db/client.ts";
import { DEFAULT_ADMIN_EMAIL, ensureAdmin } from "./ensure-admin.ts";

describe("ensureAdmin", () => {
  it("creates admin@example.com with a random password on first start, and only then", async () => {
    const { db } = await ownDatabase();
    const first = await ensureAdmin({ db });
    expect(first?.email).toBe(DEFAULT_ADMIN_EMAIL);
    expect(first?.outcome).toBe("created");
    expect(first?.password.length).toBeGreaterThanOrEqual(12);
    const user = await db.user.findUniqueOrThrow({ where: { email: DEFAULT_ADMIN_EMAIL } });
    expect(user.role).toBe("admin");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash!, first!.password)).toBe(true);
    expect(await ensureAdmin({ db })).toBeNull();
    expect(await db.user.count()).toBe(1);
  });

  it("creates the ADMIN_EMAIL admin when missing, and never re-enables, re-promotes or resets it at a later start", async () => {
    const { db } = await ownDatabase();
    expect((await ensureAdmin({ db, email: "Ops@Example.com", password: "first-password" }))?.outcome).toBe("created");
    // Other admins disabled and demoted it since: a restart must leave that alone.
    await db.user.update({ where: { email: "ops@example.com" }, data: { disabled: true, role: "editor" } });
    const again = await ensureAdmin({ db, email: "ops@example.com", password: "second-password" });
    expect(again?.outcome).toBe("exists");
    const user = await db.user.findUniqueOrThrow({ where: { email: "ops@example.com" } });
    expect(user).toMatchObject({ role: "editor", disabled: true });
    expect(await verifyPassword(user.passwordHash!, "first-password")).toBe(true);
    expect(await db.auditLog.count({ where: { targetId: user.id } })).toBe(1);
  });

  it("resets, re-enables and re-promotes it only when asked to, and audits that", async () => {
    const { db } = await ownDatabase();
    await ensureAdmin({ db, email: "ops@example.com", password: "first-password" });
    await db.user.update({ where: { email: "ops@example.com" }, data: { disabled: true, role: "editor" } });
    const reset = await ensureAdmin({ db, email: "ops@example.com", password: "second-password", reset: true });
    expect(reset?.outcome).toBe("reset");
    const user = await db.user.findUniqueOrThrow({ where: { email: "ops@example.com" } });
    expect(user).toMatchObject({ role: "admin", disabled: false });
    expect(await verifyPassword(user.passwordHash!, "second-password")).toBe(true);
    const audit = await db.auditLog.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["user.created_from_env", "user.reset_from_env"]);
  });

  it.each([
    ["without ADMIN_*", {}],
    ["with ADMIN_*", { email: "ops@example.com", password: "the-password" }],
  ])("two instances starting together on an empty database create one admin, audited once (%s)", async (_, env) => {
    const { db, url } = await ownDatabase();
    // Two processes: two clients with pools of their own.
    const instances = [createDb(url), createDb(url)];
    try {
      const results = await Promise.all(instances.map((instance) => ensureAdmin({ db: instance, ...env })));
      expect(results.filter((result) => result?.outcome === "created")).toHaveLength(1);
      expect(await db.user.count()).toBe(1);
      expect(await db.auditLog.count()).toBe(1);
    } finally {
      await Promise.all(instances.map((instance) => instance.$disconnect()));
    }
  });
});
