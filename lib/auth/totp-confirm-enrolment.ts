import { z } from "zod";
import { writeAudit } from "../audit/write-audit.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import type { StaffActor } from "./actor.ts";
import { authorize } from "./policy.ts";
import { matchTotp } from "./totp.ts";
import { hashRecoveryCode, newRecoveryCodes } from "./totp-recovery-codes.ts";

export const confirmTotpSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code your app shows."),
});

/**
 * Turns two-factor on once a code from the app proves it holds the secret `startTotpEnrolment`
 * gave. Returns the recovery codes, shown once: only their hashes are kept.
 */
export async function confirmTotpEnrolment(options: {
  db: Db;
  actor: StaffActor;
  input: { code?: unknown };
  now?: Date;
}): Promise<{ recoveryCodes: string[] }> {
  const { actor } = options;
  const { code } = parseInput(confirmTotpSchema, options.input);
  const recoveryCodes = newRecoveryCodes();
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, actor, "account.own");
    const [user] = await tx.$queryRaw<{ totpSecret: string | null; totpEnabledAt: Date | null; disabled: boolean }[]>`
      SELECT "totpSecret", "totpEnabledAt", disabled FROM "User" WHERE id = ${actor.id} FOR UPDATE`;
    if (!user || user.disabled) throw new InvalidError("Your account is disabled or gone.");
    if (user.totpEnabledAt) throw new InvalidError("Two-factor is already on.");
    if (!user.totpSecret) throw new InvalidError("Start setting up two-factor first.");
    const step = matchTotp(user.totpSecret, code, options.now ?? new Date());
    if (step === null) {
      throw new InvalidError("Some fields need attention.", {
        code: "That code is not right. Check the app's clock, and that you added the key shown here.",
      });
    }
    await tx.user.update({
      where: { id: actor.id },
      data: {
        totpEnabledAt: options.now ?? new Date(),
        totpLastStep: step,
        recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode),
      },
    });
    await writeAudit(tx, { actor, action: "user.two_factor_enabled", targetType: "user", targetId: actor.id });
  });
  return { recoveryCodes };
}
