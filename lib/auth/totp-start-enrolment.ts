import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError } from "../errors.ts";
import type { StaffActor } from "./actor.ts";
import { authorize } from "./policy.ts";
import { newTotpSecret, otpauthUri } from "./totp.ts";

export const TOTP_ISSUER = "Upstate";

/**
 * Gives the actor's account a new, not yet active TOTP secret to put in an authenticator app.
 * Two-factor is on only once a code from the app confirms it (`confirmTotpEnrolment`); until then
 * signing in is unchanged. Refused for single sign-on accounts (their provider does two-factor)
 * and when two-factor is already on.
 */
export async function startTotpEnrolment(options: { db: Db; actor: StaffActor }): Promise<{ secret: string; uri: string }> {
  const { db, actor } = options;
  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user || user.disabled) throw new InvalidError("Your account is disabled or gone.");
  if (!user.passwordHash) {
    throw new InvalidError("Your account signs in with single sign-on: turn on two-factor with your identity provider.");
  }
  if (user.totpEnabledAt) throw new InvalidError("Two-factor is already on. Turn it off first to set up a new app.");
  const secret = newTotpSecret();
  await inTransaction(db, async (tx) => {
    await authorize(tx, actor, "account.own");
    await tx.user.update({ where: { id: actor.id }, data: { totpSecret: secret, totpEnabledAt: null } });
  });
  return { secret, uri: otpauthUri({ secret, account: user.email, issuer: TOTP_ISSUER }) };
}
