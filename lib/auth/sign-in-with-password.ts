import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { DbOrTx } from "../db/client.ts";
import type { Actor } from "./actor.ts";
import { hashPassword, verifyPassword } from "./password.ts";

export const RATE_LIMIT_WINDOW_MS = 15 * 60_000;
/** Failed attempts within the window after which an account refuses sign-in, right password or not. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failed attempts from one address within the window after which it is refused. */
export const MAX_FAILURES_PER_IP = 20;

export type SignInResult = { ok: true; actor: Actor } | { ok: false; reason: "invalid" | "rate_limited" };

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
 * why, are the log of failed sign-ins), and the recent failures limit further tries per account
 * and per IP. The result never says whether the email exists: an unknown email, a wrong password
 * and a disabled account all read `invalid`.
 */
export async function signInWithPassword(options: {
  db: DbOrTx;
  input: { email?: unknown; password?: unknown };
  ip: string;
  now?: Date;
}): Promise<SignInResult> {
  const { db, ip } = options;
  const now = options.now ?? new Date();
  const parsed = credentialsSchema.safeParse(options.input);
  const email = parsed.success ? parsed.data.email : String(options.input.email ?? "").slice(0, 320);
  const record = (success: boolean, reason?: string) =>
    db.signInAttempt.create({ data: { email, ip, success, reason: reason ?? null, at: now } });

  const since = new Date(now.getTime() - RATE_LIMIT_WINDOW_MS);
  const [accountFailures, ipFailures] = await Promise.all([
    db.signInAttempt.count({ where: { email, success: false, at: { gt: since } } }),
    db.signInAttempt.count({ where: { ip, success: false, at: { gt: since } } }),
  ]);
  if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || ipFailures >= MAX_FAILURES_PER_IP) {
    await record(false, accountFailures >= MAX_FAILURES_PER_ACCOUNT ? "rate_limited_account" : "rate_limited_ip");
    return { ok: false, reason: "rate_limited" };
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
    return { ok: false, reason: "invalid" };
  }
  await record(true);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  return { ok: true, actor: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
