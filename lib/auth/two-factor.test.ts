import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { InvalidError } from "../errors.ts";
import { FREE_FAILURES_PER_ACCOUNT } from "./sign-in-throttle.ts";
import { signInWithPassword } from "./sign-in-with-password.ts";
import { TOTP_STEP_SECONDS, totpCode } from "./totp.ts";
import { confirmTotpEnrolment } from "./totp-confirm-enrolment.ts";
import { disableTotp } from "./totp-disable.ts";
import { startTotpEnrolment } from "./totp-start-enrolment.ts";

const uniqueIp = () => `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const T0 = new Date("2026-03-01T12:00:00Z");
const later = (steps: number) => new Date(T0.getTime() + steps * TOTP_STEP_SECONDS * 1000);

async function enrolled() {
  const db = testDb();
  const staff = await makeStaff(db);
  const { secret, uri } = await startTotpEnrolment({ db, actor: staff });
  expect(uri).toContain(`secret=${secret}`);
  const { recoveryCodes } = await confirmTotpEnrolment({ db, actor: staff, input: { code: totpCode(secret, T0) }, now: T0 });
  return { db, staff, secret, recoveryCodes };
}

describe("two-factor", () => {
  it("is off until a code from the app confirms the secret, and a wrong code leaves it off", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    const { secret } = await startTotpEnrolment({ db, actor: staff });
    const ip = uniqueIp();
    // Pending: signing in needs no code yet.
    expect((await signInWithPassword({ db, input: { email: staff.email, password: staff.password }, ip })).ok).toBe(true);
    const wrong = await confirmTotpEnrolment({ db, actor: staff, input: { code: "000000" }, now: T0 }).catch((e: unknown) => e);
    const right = totpCode(secret, T0);
    if (right !== "000000") expect((wrong as InvalidError).fieldErrors).toHaveProperty("code");
    const { recoveryCodes } = await confirmTotpEnrolment({ db, actor: staff, input: { code: right }, now: T0 });
    expect(recoveryCodes).toHaveLength(10);
    const user = await db.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(user.totpEnabledAt).toEqual(T0);
    expect(user.recoveryCodeHashes).toHaveLength(10);
    expect(JSON.stringify(user.recoveryCodeHashes)).not.toContain(recoveryCodes[0]);
    expect(await db.auditLog.count({ where: { targetId: staff.id, action: "user.two_factor_enabled" } })).toBe(1);
  });

  it("asks for the code after the right password, accepts a current one, and never the same one twice", async () => {
    const { db, staff, secret } = await enrolled();
    const ip = uniqueIp();
    const signIn = (code: string | undefined, now: Date) =>
      signInWithPassword({ db, input: { email: staff.email, password: staff.password, code }, ip, now });
    expect(await signIn(undefined, later(2))).toEqual({ ok: false, reason: "second_factor", wrong: false });
    // A wrong password with a right code says nothing about two-factor.
    expect(
      await signInWithPassword({
        db,
        input: { email: staff.email, password: "nope-nope", code: totpCode(secret, later(2)) },
        ip,
        now: later(2),
      }),
    ).toEqual({ ok: false, reason: "invalid" });
    const code = totpCode(secret, later(2));
    expect((await signIn(code, later(2))).ok).toBe(true);
    // Seen over a shoulder and typed again within its window: refused.
    expect(await signIn(code, later(2))).toEqual({ ok: false, reason: "second_factor", wrong: true });
    // The confirming code's step was used at enrolment too.
    expect(await signIn(totpCode(secret, T0), T0)).toMatchObject({ ok: false });
    expect((await signIn(totpCode(secret, later(3)), later(3))).ok).toBe(true);
    const reasons = await db.signInAttempt.findMany({
      where: { email: staff.email, ip },
      orderBy: { id: "asc" },
      select: { reason: true },
    });
    expect(reasons.map((r) => r.reason)).toContain("wrong_code");
  });

  it("two requests with one code at once: one signs in", async () => {
    const { db, staff, secret } = await enrolled();
    const code = totpCode(secret, later(5));
    const results = await Promise.all(
      [1, 2].map(() =>
        signInWithPassword({ db, input: { email: staff.email, password: staff.password, code }, ip: uniqueIp(), now: later(5) }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("takes each recovery code once, in any case or spacing", async () => {
    const { db, staff, recoveryCodes } = await enrolled();
    const [first] = recoveryCodes as [string];
    const signIn = (code: string) =>
      signInWithPassword({ db, input: { email: staff.email, password: staff.password, code }, ip: uniqueIp(), now: later(9) });
    expect((await signIn(` ${first.toUpperCase()} `)).ok).toBe(true);
    expect(await signIn(first)).toEqual({ ok: false, reason: "second_factor", wrong: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.id } })).recoveryCodeHashes).toHaveLength(9);
  });

  it("throttles wrong codes like wrong passwords", async () => {
    const { db, staff } = await enrolled();
    const ip = uniqueIp();
    let result: Awaited<ReturnType<typeof signInWithPassword>> | undefined;
    for (let i = 0; i <= FREE_FAILURES_PER_ACCOUNT; i++) {
      result = await signInWithPassword({
        db,
        input: { email: staff.email, password: staff.password, code: "111111" },
        ip,
        now: later(20),
      });
    }
    expect(result).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("turns off with the password or a code, not with a wrong one, and is audited", async () => {
    const { db, staff, secret } = await enrolled();
    const wrong = await disableTotp({ db, actor: staff, input: { proof: "guess-guess" }, now: later(30) }).catch(
      (e: unknown) => e,
    );
    expect(wrong).toBeInstanceOf(InvalidError);
    await disableTotp({ db, actor: staff, input: { proof: totpCode(secret, later(30)) }, now: later(30) });
    const user = await db.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(user).toMatchObject({ totpSecret: null, totpEnabledAt: null, recoveryCodeHashes: [] });
    expect((await signInWithPassword({ db, input: { email: staff.email, password: staff.password }, ip: uniqueIp() })).ok).toBe(
      true,
    );
    const again = await enrolled();
    await disableTotp({ db: again.db, actor: again.staff, input: { proof: again.staff.password } });
    expect(await db.auditLog.count({ where: { targetId: again.staff.id, action: "user.two_factor_disabled" } })).toBe(1);
  });

  it("is refused for single sign-on accounts", async () => {
    const db = testDb();
    const staff = await makeStaff(db);
    await db.user.update({ where: { id: staff.id }, data: { passwordHash: null } });
    await expect(startTotpEnrolment({ db, actor: staff })).rejects.toBeInstanceOf(InvalidError);
  });
});
