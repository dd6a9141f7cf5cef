import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { loadSessionStaff } from "../auth/load-staff.ts";
import { epochSeconds } from "../auth/session-claims.ts";
import { signInWithPassword } from "../auth/sign-in-with-password.ts";
import { InvalidError } from "../errors.ts";
import { changeOwnPassword } from "./change-own-password.ts";
import { MIN_PASSWORD_LENGTH } from "./schemas.ts";

const fieldErrors = (error: unknown) => (error as InvalidError).fieldErrors;

describe("changeOwnPassword", () => {
  it("needs the current password and the one length rule, and says which field is wrong", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const attempt = (input: Record<string, string>) => changeOwnPassword({ db, actor: staff, input }).catch((e: unknown) => e);
    const short = "x".repeat(MIN_PASSWORD_LENGTH - 1);
    expect(
      fieldErrors(await attempt({ currentPassword: staff.password, newPassword: short, confirmPassword: short })),
    ).toHaveProperty("newPassword");
    expect(
      fieldErrors(
        await attempt({ currentPassword: staff.password, newPassword: "long-enough-1", confirmPassword: "long-enough-2" }),
      ),
    ).toHaveProperty("confirmPassword");
    expect(
      fieldErrors(
        await attempt({ currentPassword: "not-it-at-all", newPassword: "long-enough-1", confirmPassword: "long-enough-1" }),
      ),
    ).toHaveProperty("currentPassword");
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.id } })).sessionVersion).toBe(0);
  });

  it("sets the new password, ends the account's other sessions and is audited without the password", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const session = { userId: staff.id, sessionVersion: 0, signedInAt: epochSeconds() };
    expect(await loadSessionStaff(db, session)).not.toBeNull();
    const { sessionVersion } = await changeOwnPassword({
      db,
      actor: staff,
      input: { currentPassword: staff.password, newPassword: "brand-new-secret", confirmPassword: "brand-new-secret" },
    });
    expect(sessionVersion).toBe(1);
    // The old session is over; the one re-issued with the new version goes on.
    expect(await loadSessionStaff(db, session)).toBeNull();
    expect(await loadSessionStaff(db, { ...session, sessionVersion })).not.toBeNull();
    const ip = "10.88.0.1";
    expect((await signInWithPassword({ db, input: { email: staff.email, password: staff.password }, ip })).ok).toBe(false);
    expect((await signInWithPassword({ db, input: { email: staff.email, password: "brand-new-secret" }, ip })).ok).toBe(true);
    const audit = await db.auditLog.findMany({ where: { targetId: staff.id } });
    expect(audit.map((entry) => entry.action)).toEqual(["user.password_changed"]);
    expect(JSON.stringify(audit)).not.toContain("brand-new-secret");
  });

  it("tells a single sign-on account it has no password", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    await db.user.update({ where: { id: staff.id }, data: { passwordHash: null } });
    const error = await changeOwnPassword({
      db,
      actor: staff,
      input: { currentPassword: "anything", newPassword: "brand-new-secret", confirmPassword: "brand-new-secret" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as Error).message).toMatch(/single sign-on/);
  });
});
