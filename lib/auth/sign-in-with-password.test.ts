import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { CLIENT_ADDRESS_HEADER, clientAddressOf, trustedProxyCount } from "../server/client-address.ts";
import { clientIp } from "./client-ip.ts";
import { loadStaff } from "./load-staff.ts";
import {
  delayAfter,
  FIRST_DELAY_MS,
  FREE_FAILURES_PER_ACCOUNT,
  FREE_FAILURES_PER_ADDRESS,
  MAX_DELAY_MS,
} from "./sign-in-throttle.ts";
import { signInWithPassword } from "./sign-in-with-password.ts";

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

  it("failures from one address never stop the right password from another, however many", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const attacker = uniqueIp();
    const now = new Date();
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT * 3; i++) {
      await signInWithPassword({ db, input: { email: admin.email, password: "guess" }, ip: attacker, now });
    }
    const fromTheAdmin = await signInWithPassword({
      db,
      input: { email: admin.email, password: admin.password },
      ip: uniqueIp(),
      now,
    });
    expect(fromTheAdmin.ok).toBe(true);
  });

  it("makes one address wait longer and longer after repeated failures, and never counts a refused attempt", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const ip = uniqueIp();
    const start = new Date();
    const at = (ms: number) => new Date(start.getTime() + ms);
    const wrong = (now: Date) => signInWithPassword({ db, input: { email: staff.email, password: "wrong" }, ip, now });
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT - 1; i++) expect(await wrong(start)).toEqual({ ok: false, reason: "invalid" });
    // The allowance is used up: this failure makes the address wait 1 s.
    expect(await wrong(start)).toEqual({ ok: false, reason: "invalid" });
    const refused = await signInWithPassword({ db, input: { email: staff.email, password: staff.password }, ip, now: at(500) });
    expect(refused).toEqual({ ok: false, reason: "rate_limited", retryAt: at(FIRST_DELAY_MS) });

    // Hammering while refused counts nothing: the wait stays where it was.
    for (let i = 0; i < 50; i++) await wrong(at(600));
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { email_ip: { email: staff.email, ip } } });
    expect(row.failures).toBe(FREE_FAILURES_PER_ACCOUNT);
    expect(row.blockedUntil).toEqual(at(FIRST_DELAY_MS));

    // Each further failure doubles the wait.
    expect(await wrong(at(1000))).toEqual({ ok: false, reason: "invalid" });
    expect(await wrong(at(1500))).toMatchObject({ reason: "rate_limited", retryAt: at(1000 + 2 * FIRST_DELAY_MS) });
    expect(await wrong(at(3000))).toEqual({ ok: false, reason: "invalid" });
    expect(await wrong(at(3000))).toMatchObject({ reason: "rate_limited", retryAt: at(3000 + 4 * FIRST_DELAY_MS) });

    // Once the wait is over the right password works, and clears the address's failures.
    const signedIn = await signInWithPassword({ db, input: { email: staff.email, password: staff.password }, ip, now: at(7000) });
    expect(signedIn.ok).toBe(true);
    expect(await db.signInThrottle.count({ where: { email: staff.email, ip } })).toBe(0);
    expect(await db.signInAttempt.count({ where: { ip, reason: "throttled" } })).toBe(53);
  });

  it("caps the wait at 15 minutes", () => {
    expect(delayAfter(FREE_FAILURES_PER_ACCOUNT - 1, FREE_FAILURES_PER_ACCOUNT)).toBe(0);
    expect(delayAfter(FREE_FAILURES_PER_ACCOUNT, FREE_FAILURES_PER_ACCOUNT)).toBe(1000);
    expect(delayAfter(FREE_FAILURES_PER_ACCOUNT + 3, FREE_FAILURES_PER_ACCOUNT)).toBe(8000);
    expect(delayAfter(FREE_FAILURES_PER_ACCOUNT + 40, FREE_FAILURES_PER_ACCOUNT)).toBe(MAX_DELAY_MS);
  });

  it("attempts sent all at once from one address cannot slip past the allowance", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const ip = uniqueIp();
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => signInWithPassword({ db, input: { email: staff.email, password: "wrong" }, ip, now })),
    );
    expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(FREE_FAILURES_PER_ACCOUNT);
  });

  it("slows one address trying many accounts, and an unknown email counts like a real one, without slowing other addresses", async () => {
    const db = testDb();
    const ip = uniqueIp();
    const now = new Date();
    for (let i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      await signInWithPassword({ db, input: { email: `guess-${i}-${ip}@example.com`, password: "x" }, ip, now });
    }
    const staff = await makeStaff(db);
    expect(await signInWithPassword({ db, input: { email: staff.email, password: staff.password }, ip, now })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect(
      (await signInWithPassword({ db, input: { email: staff.email, password: staff.password }, ip: uniqueIp(), now })).ok,
    ).toBe(true);
  });

  it("an attempt refused because the address waits adds nothing to the account's own failures", async () => {
    const db = testDb();
    const ip = uniqueIp();
    const now = new Date();
    for (let i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      await signInWithPassword({ db, input: { email: `spray-${i}-${ip}@example.com`, password: "x" }, ip, now });
    }
    const staff = await makeStaff(db);
    for (let i = 0; i < 5; i++) {
      expect(await signInWithPassword({ db, input: { email: staff.email, password: "wrong" }, ip, now })).toMatchObject({
        reason: "rate_limited",
      });
    }
    expect((await db.signInThrottle.findUnique({ where: { email_ip: { email: staff.email, ip } } }))?.failures ?? 0).toBe(0);
  });

  it("forgets a day-old throttle", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const ip = uniqueIp();
    const start = new Date();
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT + 8; i++) {
      await signInWithPassword({
        db,
        input: { email: staff.email, password: "wrong" },
        ip,
        now: new Date(start.getTime() + i * MAX_DELAY_MS),
      });
    }
    const nextDay = new Date(start.getTime() + 20 * MAX_DELAY_MS + 24 * 3600_000);
    expect(await signInWithPassword({ db, input: { email: staff.email, password: "wrong" }, ip, now: nextDay })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { email_ip: { email: staff.email, ip } } })).failures).toBe(1);
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
  it("reads only the address Upstate's server passed on, never X-Forwarded-For", () => {
    expect(clientIp({ [CLIENT_ADDRESS_HEADER]: "192.0.2.7", "x-forwarded-for": "6.6.6.6" })).toBe("192.0.2.7");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6" })).toBe("unknown");
  });
});

describe("clientAddressOf", () => {
  it("is the socket's peer without trusted proxies, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf({ peer: "::ffff:203.0.113.9", forwardedFor: "6.6.6.6", trustedProxies: 0 })).toBe("203.0.113.9");
    expect(clientAddressOf({ peer: undefined, forwardedFor: undefined, trustedProxies: 0 })).toBe("unknown");
  });

  it("counts trusted proxies back from the peer", () => {
    // nginx (127.0.0.1) set X-Forwarded-For to the client it saw; the client's own entry is ignored.
    expect(clientAddressOf({ peer: "127.0.0.1", forwardedFor: "198.51.100.4", trustedProxies: 1 })).toBe("198.51.100.4");
    expect(clientAddressOf({ peer: "127.0.0.1", forwardedFor: "6.6.6.6, 198.51.100.4", trustedProxies: 1 })).toBe("198.51.100.4");
    expect(clientAddressOf({ peer: "10.0.0.2", forwardedFor: ["6.6.6.6, 198.51.100.4", "10.0.0.1"], trustedProxies: 2 })).toBe(
      "198.51.100.4",
    );
    expect(clientAddressOf({ peer: "10.0.0.2", forwardedFor: undefined, trustedProxies: 2 })).toBe("10.0.0.2");
  });

  it("reads UPSTATE_TRUSTED_PROXIES as a small whole number, else 0", () => {
    expect(trustedProxyCount({})).toBe(0);
    expect(trustedProxyCount({ UPSTATE_TRUSTED_PROXIES: "1" })).toBe(1);
    expect(trustedProxyCount({ UPSTATE_TRUSTED_PROXIES: "-1" })).toBe(0);
    expect(trustedProxyCount({ UPSTATE_TRUSTED_PROXIES: "yes" })).toBe(0);
  });
});
