import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { ensureAdmin } from "../users/ensure-admin.ts";
import { updateUserAccess } from "../users/update-user-access.ts";
import { endSessions, signOutSession } from "./end-sessions.ts";
import { loadSessionStaff } from "./load-staff.ts";
import { authOptions } from "./options.ts";
import { epochSeconds, SESSION_SECONDS } from "./session-claims.ts";

const HOUR = 3600_000;

/** The claims a sign-in puts in a fresh token for this account (lib/auth/options.ts). */
async function signedIn(db: ReturnType<typeof testDb>, userId: string, now = new Date()) {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return { userId, sessionVersion, signedInAt: epochSeconds(now) };
}

describe("sessions", () => {
  it("last 12 hours from sign-in, however often they are used", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const start = new Date();
    const claims = await signedIn(db, staff.id, start);
    expect(SESSION_SECONDS).toBe(12 * 3600);
    expect(await loadSessionStaff(db, claims, new Date(start.getTime() + 11.9 * HOUR))).toMatchObject({ id: staff.id });
    expect(await loadSessionStaff(db, claims, new Date(start.getTime() + 12 * HOUR))).toBeNull();
    // A token from before versions existed (it could live 30 days) is refused.
    expect(await loadSessionStaff(db, { userId: staff.id, signedInAt: claims.signedInAt })).toBeNull();
    expect(await loadSessionStaff(db, { userId: staff.id, sessionVersion: claims.sessionVersion })).toBeNull();
  });

  it("re-issued tokens keep the sign-in's expiry instead of starting a new lifetime", async () => {
    const secret = "test-secret";
    const jwt = authOptions.jwt!;
    const signedInAt = epochSeconds() - 11 * 3600;
    // What next-auth does each time the session is read: encode again with the session's maxAge.
    const token = await jwt.encode!({ secret, token: { sub: "u1", sessionVersion: 0, signedInAt }, maxAge: SESSION_SECONDS });
    const claims = await decode({ secret, token });
    // Within a second: next-auth reads the clock again when it sets the expiry.
    expect(Math.abs(Number(claims?.exp) - (signedInAt + SESSION_SECONDS))).toBeLessThanOrEqual(1);
    const expired = await jwt.encode!({
      secret,
      token: { sub: "u1", sessionVersion: 0, signedInAt: signedInAt - 3600 },
      maxAge: SESSION_SECONDS,
    });
    await expect(decode({ secret, token: expired })).rejects.toThrow();
    // next-auth's own encoder, unpinned, would have granted 30 days.
    const unpinned = await decode({ secret, token: await encode({ secret, token: { sub: "u1" } }) });
    expect(Number(unpinned?.exp) - epochSeconds()).toBeGreaterThan(29 * 24 * 3600);
  });

  it("end at sign-out, and a copy of the signed-out token cannot sign out again", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const claims = await signedIn(db, staff.id);
    const otherDevice = await signedIn(db, staff.id);
    expect(await loadSessionStaff(db, claims)).not.toBeNull();
    expect(await signOutSession(db, claims)).toBe(true);
    expect(await loadSessionStaff(db, claims)).toBeNull();
    expect(await loadSessionStaff(db, otherDevice)).toBeNull();
    const next = await signedIn(db, staff.id);
    expect(await signOutSession(db, claims)).toBe(false);
    expect(await loadSessionStaff(db, next)).toMatchObject({ id: staff.id });
    expect(await signOutSession(db, { userId: staff.id })).toBe(false);
  });

  it("end when an admin resets the password, changes the role, or disables the account", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const staff = await makeStaff(db);
    for (const change of [
      { kind: "reset_password" },
      { kind: "role", role: "admin" },
      { kind: "role", role: "editor" },
      { kind: "disable" },
    ] as const) {
      const claims = await signedIn(db, staff.id);
      expect(await loadSessionStaff(db, claims)).not.toBeNull();
      await updateUserAccess({ db, actor: admin, input: { userId: staff.id }, change });
      expect(await loadSessionStaff(db, claims)).toBeNull();
    }
    await updateUserAccess({ db, actor: admin, input: { userId: staff.id }, change: { kind: "enable" } });
    expect(await loadSessionStaff(db, await signedIn(db, staff.id))).toMatchObject({ id: staff.id });
  });

  it("end when ADMIN_RESET resets the admin's password at start, not when ADMIN_PASSWORD merely names the account", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const claims = await signedIn(db, admin.id);
    // ADMIN_* only create a missing account: an existing one, and its sessions, are left alone.
    await ensureAdmin({ db, email: admin.email, password: "a-new-password-123" });
    expect(await loadSessionStaff(db, claims)).not.toBeNull();
    await ensureAdmin({ db, email: admin.email, password: "a-new-password-123", reset: true });
    expect(await loadSessionStaff(db, claims)).toBeNull();
  });

  it("refuse a disabled or missing account", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const claims = await signedIn(db, staff.id);
    await db.user.update({ where: { id: staff.id }, data: { disabled: true } });
    expect(await loadSessionStaff(db, claims)).toBeNull();
    expect(await loadSessionStaff(db, { ...claims, userId: "missing" })).toBeNull();
    await endSessions(db, staff.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.id } })).sessionVersion).toBe(claims.sessionVersion + 1);
  });
});
