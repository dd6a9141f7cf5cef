import type { DbOrTx } from "../db/client.ts";
import { matchTotp } from "./totp.ts";
import { hashRecoveryCode, looksLikeRecoveryCode } from "./totp-recovery-codes.ts";

export type SecondFactorResult = { ok: true; used: "totp" | "recovery_code" } | { ok: false };

/**
 * Checks a two-factor code for an account that has two-factor on, and uses it up: a TOTP code
 * only if its time step is later than the last one the account used (the update's WHERE decides,
 * so two requests with one code cannot both pass), a recovery code by removing its hash.
 */
export async function consumeSecondFactor(
  db: DbOrTx,
  options: { userId: string; code: unknown; now?: Date },
): Promise<SecondFactorResult> {
  const { userId } = options;
  const code = typeof options.code === "string" ? options.code.trim() : "";
  if (!code || code.length > 64) return { ok: false };
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || !user.totpEnabledAt) return { ok: false };
  if (looksLikeRecoveryCode(code)) {
    const hash = hashRecoveryCode(code);
    const used = await db.$executeRaw`
      UPDATE "User" SET "recoveryCodeHashes" = array_remove("recoveryCodeHashes", ${hash})
      WHERE id = ${userId} AND ${hash} = ANY("recoveryCodeHashes")`;
    return used > 0 ? { ok: true, used: "recovery_code" } : { ok: false };
  }
  const step = matchTotp(user.totpSecret, code, options.now ?? new Date());
  if (step === null) return { ok: false };
  const used = await db.$executeRaw`
    UPDATE "User" SET "totpLastStep" = ${step}
    WHERE id = ${userId} AND ("totpLastStep" IS NULL OR "totpLastStep" < ${step})`;
  return used > 0 ? { ok: true, used: "totp" } : { ok: false };
}
