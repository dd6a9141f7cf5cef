import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { clientIp } from "./client-ip.ts";
import { loadStaff } from "./load-staff.ts";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, signInWithPassword } from "./sign-in-with-password.ts";

const uniqueIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("signInWithPassword", () => {
  it("signs in with the right password, whatever the email's case, and records the success", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const result = await signInWithPassword({
      db,
      input: { email: ` ${staff.email.toUpperCase()} `, password: staff.password },
      ip: uniqueIp(),
    });
    expect(result).toEqual({ ok: true, actor: { id: staff.id, email: staff.email, name: staff.name, role: "editor" } });
    expect(await db.signInAttempt.count({ where: { email: staff.email, success: true } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.id } })).lastSignInAt).not.toBeNull();
  });

  it("answers the same for an unknown email, a wrong password and a disabled account, and logs each failure with why", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const disabled = await makeStaff(db, { disabled: true });
    const ip = uniqueIp();
    const unknown = await signInWithPassword({ db, input: { email: "nobody-here@example.com", password: "x" }, ip });
    const wrong = await signInWithPassword({ db, input: { email: staff.email, password: "wrong" }, ip });
    const off = await signInWithPassword({ db, input: { email: disabled.email, password: disabled.password }, ip });
    expect([unknown, wrong, off]).toEqual([
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
    ]);
    const logged = await db.signInAttempt.findMany({ where: { ip }, orderBy: { id: "asc" } });
    expect(logged.map((a) => [a.email, a.success, a.reason])).toEqual([
      ["nobody-here@example.com", false, "unknown_email"],
      [staff.email, false, "wrong_password"],
      [disabled.email, false, "disabled"],
    ]);
  });

  it("locks an account after repeated failures, even for the right password, until the window passes", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const now = new Date();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      // Each from another address: the limit is per account.
      await signInWithPassword({ db, input: { email: staff.email, password: "wrong" }, ip: uniqueIp(), now });
    }
    const locked = await signInWithPassword({ db, input: { email: staff.email, password: staff.password }, ip: uniqueIp(), now });
    expect(locked).toEqual({ ok: false, reason: "rate_limited" });
    const later = new Date(now.getTime() + 16 * 60_000);
    const after = await signInWithPassword({
      db,
      input: { email: staff.email, password: staff.password },
      ip: uniqueIp(),
      now: later,
    });
    expect(after.ok).toBe(true);
  });

  it("limits one address trying many accounts, and an unknown email is limited like a real one", async () => {
    const db = testDb();
    const ip = uniqueIp();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await signInWithPassword({ db, input: { email: `guess-${i}-${ip}@example.com`, password: "x" }, ip });
    }
    const staff = await makeStaff(db);
    expect(await signInWithPassword({ db, input: { email: staff.email, password: staff.password }, ip })).toEqual({
      ok: false,
      reason: "rate_limited",
    });
    expect((await signInWithPassword({ db, input: { email: staff.email, password: staff.password }, ip: uniqueIp() })).ok).toBe(
      true,
    );
  });
});

describe("loadStaff", () => {
  it("reads the role fresh and refuses a disabled or missing account", async () => {
    const db = testDb();
    const staff = await makeStaff(db, { role: "admin" });
    expect((await loadStaff(db, staff.id))?.role).toBe("admin");
    await db.user.update({ where: { id: staff.id }, data: { role: "editor" } });
    expect((await loadStaff(db, staff.id))?.role).toBe("editor");
    await db.user.update({ where: { id: staff.id }, data: { disabled: true } });
    expect(await loadStaff(db, staff.id)).toBeNull();
    expect(await loadStaff(db, "missing")).toBeNull();
    expect(await loadStaff(db, undefined)).toBeNull();
  });
});

describe("clientIp", () => {
  it("takes the entry the nearest hop added, skipping trusted proxies", () => {
    expect(clientIp({ "x-forwarded-for": "1.1.1.1" })).toBe("1.1.1.1");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 2.2.2.2" })).toBe("2.2.2.2");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 2.2.2.2, 10.0.0.1" }, 1)).toBe("2.2.2.2");
    expect(clientIp({})).toBe("unknown");
  });
});
