import { randomBytes } from "node:crypto";
import { z } from "zod";
import { type Db, inTransaction } from "../db/client.ts";
import type { StaffAccount } from "./actor.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { claimAttempt, clearFailures, purgeIdleThrottles } from "./sign-in-throttle.ts";
import { consumeSecondFactor } from "./totp-verify.ts";

export type SignInResult =
  | { ok: true; actor: StaffAccount }
  | { ok: false; reason: "invalid" }
  /** The password was right; the account has two-factor on and the code was missing (or `wrong`). */
  | { ok: false; reason: "second_factor"; wrong: boolean }
  | { ok: false; reason: "rate_limited"; retryAt: Date };

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(1024),
});

// Verifying against a real hash when the account does not exist keeps the response time the same,
// so timing does not tell whether an email has an account.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return decoyHash;
}

/**
 * Checks an email and password. Every attempt is recorded in SignInAttempt (the failures, with
 * why, are the log of failed sign-ins). Failures slow down further tries from the same address
 * (lib/auth/sign-in-throttle.ts): per account, and more loosely across accounts. Another address
 * is never slowed, so nobody can lock a staff member out from elsewhere, and a refused attempt is
 * not a failure, so waiting always ends. The result never says whether the email exists: an
 * unknown email, a wrong password and a disabled account all read `invalid`.
 */
export async function signInWithPassword(options: {
  db: Db;
  input: { email?: unknown; password?: unknown; code?: unknown };
  ip: string;
  now?: Date;
}): Promise<SignInResult> {
  const { db, ip } = options;
  const now = options.now ?? new Date();
  const parsed = credentialsSchema.safeParse(options.input);
  const email = parsed.success ? parsed.data.email : String(options.input.email ?? "").slice(0, 320);
  const record = (success: boolean, reason?: string) =>
    db.signInAttempt.create({ data: { email, ip, success, reason: reason ?? null, at: now } });

  const refused = await inTransaction(db, (tx) => claimAttempt(tx, { email: parsed.success ? email : "", ip, now }));
  if (refused) {
    await record(false, "throttled");
    return { ok: false, reason: "rate_limited", retryAt: refused.retryAt };
  }

  if (!parsed.success || !email) {
    await verifyPassword(await decoy(), "");
    await record(false, "malformed");
    return { ok: false, reason: "invalid" };
  }
  const user = await db.user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoy()), parsed.data.password);
  if (!user?.passwordHash || !passwordOk || user.disabled) {
    const reason = !user ? "unknown_email" : !user.passwordHash ? "no_password" : !passwordOk ? "wrong_password" : "disabled";
    await record(false, reason);
    await purgeIdleThrottles(db, now);
    return { ok: false, reason: "invalid" };
  }
  if (user.totpEnabledAt) {
    // Left counted as a failure unless the code is right, so codes are throttled like passwords.
    const code = options.input.code;
    const given = typeof code === "string" && code.trim() !== "";
    if (!given || !(await consumeSecondFactor(db, { userId: user.id, code, now })).ok) {
      await record(false, given ? "wrong_code" : "code_required");
      return { ok: false, reason: "second_factor", wrong: given };
    }
  }
  await inTransaction(db, async (tx) => {
    await clearFailures(tx, { email, ip });
    await tx.signInAttempt.create({ data: { email, ip, success: true, reason: null, at: now } });
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  });
  return { ok: true, actor: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
