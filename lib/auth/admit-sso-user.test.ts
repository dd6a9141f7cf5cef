import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { admitSsoUser } from "./admit-sso-user.ts";

const domain = () => `sso-${Math.random().toString(36).slice(2, 8)}.example`;

describe("admitSsoUser", () => {
  it("admits an existing enabled account by its email, whatever the case, with its own role", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const admission = await admitSsoUser({
      db,
      profile: { email: admin.email.toUpperCase(), emailVerified: true },
      ip: "10.1.1.1",
    });
    expect(admission).toMatchObject({ ok: true, actor: { id: admin.id, role: "admin" } });
  });

  it("takes over no account with an email the provider did not verify, or did not say it verified", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const allowed = domain();
    for (const emailVerified of [false, undefined, "true", 1]) {
      expect(await admitSsoUser({ db, profile: { email: admin.email, emailVerified }, ip: "10.1.1.4" })).toEqual({
        ok: false,
        reason: "email_not_verified",
      });
      expect(
        await admitSsoUser({ db, profile: { email: `new@${allowed}`, emailVerified }, allowedDomain: allowed, ip: "10.1.1.4" }),
      ).toEqual({ ok: false, reason: "email_not_verified" });
    }
    const reasons = (await db.signInAttempt.findMany({ where: { ip: "10.1.1.4" } })).map((a) => a.reason);
    expect(new Set(reasons)).toEqual(new Set(["sso_email_not_verified"]));
    expect(await db.user.count({ where: { email: `new@${allowed}` } })).toBe(0);
  });

  it("refuses a disabled account and an unknown email outside the allowed domain, logging each", async () => {
    const db = testDb();
    const disabled = await makeStaff(db, { disabled: true });
    const allowed = domain();
    const refused = { ok: false, reason: "refused" };
    expect(
      await admitSsoUser({ db, profile: { email: disabled.email, emailVerified: true }, allowedDomain: allowed, ip: "10.1.1.2" }),
    ).toEqual(refused);
    expect(
      await admitSsoUser({
        db,
        profile: { email: "stranger@elsewhere.example", emailVerified: true },
        allowedDomain: allowed,
        ip: "10.1.1.2",
      }),
    ).toEqual(refused);
    expect(await admitSsoUser({ db, profile: { email: `x@${allowed}`, emailVerified: true }, ip: "10.1.1.2" })).toEqual(refused);
    const reasons = (await db.signInAttempt.findMany({ where: { ip: "10.1.1.2" }, orderBy: { id: "asc" } })).map((a) => a.reason);
    expect(reasons).toEqual(["sso_disabled", "sso_not_allowed", "sso_not_allowed"]);
    expect(await db.user.count({ where: { email: { in: ["stranger@elsewhere.example", `x@${allowed}`] } } })).toBe(0);
  });

  it("creates an editor for a verified email in the allowed domain, once", async () => {
    const db = testDb();
    const allowed = domain();
    const first = await admitSsoUser({
      db,
      profile: { email: `Ana@${allowed}`, name: "Ana", emailVerified: true },
      allowedDomain: `@${allowed}`,
      ip: "10.1.1.3",
    });
    expect(first).toMatchObject({ ok: true, actor: { email: `ana@${allowed}`, name: "Ana", role: "editor" } });
    const again = await admitSsoUser({
      db,
      profile: { email: `ana@${allowed}`, emailVerified: true },
      allowedDomain: allowed,
      ip: "10.1.1.3",
    });
    expect(again.ok && first.ok && again.actor.id === first.actor.id).toBe(true);
    expect(await db.user.count({ where: { email: `ana@${allowed}` } })).toBe(1);
  });
});
