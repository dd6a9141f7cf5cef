import { z } from "zod";
import { writeAudit } from "../audit/write-audit.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import type { StaffActor } from "./actor.ts";
import { verifyPassword } from "./password.ts";
import { authorize } from "./policy.ts";
import { consumeSecondFactor } from "./totp-verify.ts";

export const disableTotpSchema = z.object({
  proof: z.string().min(1, "Enter a code from your app, a recovery code, or your password.").max(1024),
});

/**
 * Turns two-factor off, or abandons a setup that was never confirmed. Needs a current code, a
 * recovery code or the account's password, so a session left open on someone's desk cannot
 * quietly remove it.
 */
export async function disableTotp(options: { db: Db; actor: StaffActor; input: { proof?: unknown }; now?: Date }): Promise<void> {
  const { db, actor } = options;
  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user || user.disabled) throw new InvalidError("Your account is disabled or gone.");
  if (user.totpEnabledAt) {
    const { proof } = parseInput(disableTotpSchema, options.input);
    const byPassword = user.passwordHash ? await verifyPassword(user.passwordHash, proof) : false;
    const byCode = byPassword ? false : (await consumeSecondFactor(db, { userId: actor.id, code: proof, now: options.now })).ok;
    if (!byPassword && !byCode) {
      throw new InvalidError("Some fields need attention.", { proof: "That is neither a current code nor your password." });
    }
  }
  await inTransaction(db, async (tx) => {
    await authorize(tx, actor, "account.own");
    await tx.user.update({
      where: { id: actor.id },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, recoveryCodeHashes: [] },
    });
    if (user.totpEnabledAt) {
      await writeAudit(tx, { actor, action: "user.two_factor_disabled", targetType: "user", targetId: actor.id });
    }
  });
}
