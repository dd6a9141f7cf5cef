import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { admitSsoUser } from "./admit-sso-user.ts";

const domain = () => `sso-${Math.random().toString(36).slice(2, 8)}.example`;

describe("admitSsoUser", () => {
  it("admits an existing enabled account by its email, whatever the case, with its own role", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const actor = await admitSsoUser({ db, profile: { email: admin.email.toUpperCase() }, ip: "10.1.1.1" });
    expect(actor).toMatchObject({ id: admin.id, role: "admin" });
  });

  it("refuses a disabled account and an unknown email outside the allowed domain, logging each", async () => {
    const db = testDb();
    const disabled = await makeStaff(db, { disabled: true });
    const allowed = domain();
    expect(await admitSsoUser({ db, profile: { email: disabled.email }, allowedDomain: allowed, ip: "10.1.1.2" })).toBeNull();
    expect(
      await admitSsoUser({ db, profile: { email: "stranger@elsewhere.example" }, allowedDomain: allowed, ip: "10.1.1.2" }),
    ).toBeNull();
    expect(await admitSsoUser({ db, profile: { email: `x@${allowed}` }, ip: "10.1.1.2" })).toBeNull();
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
    expect(first).toMatchObject({ email: `ana@${allowed}`, name: "Ana", role: "editor" });
    const again = await admitSsoUser({ db, profile: { email: `ana@${allowed}` }, allowedDomain: allowed, ip: "10.1.1.3" });
    expect(again?.id).toBe(first?.id);
    expect(await db.user.count({ where: { email: `ana@${allowed}` } })).toBe(1);
    expect(
      await admitSsoUser({
        db,
        profile: { email: `bo@${allowed}`, emailVerified: false },
        allowedDomain: allowed,
        ip: "10.1.1.3",
      }),
    ).toBeNull();
  });
});
