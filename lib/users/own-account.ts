import { otpauthUri } from "../auth/totp.ts";
import { TOTP_ISSUER } from "../auth/totp-start-enrolment.ts";
import type { DbOrTx } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { formatInstant } from "../time/format-instant.ts";
import { mustEnrolTwoFactor } from "./two-factor-requirement.ts";

export type TwoFactorView =
  | { state: "off" }
  | { state: "pending"; secret: string; uri: string }
  | { state: "on"; since: (timeZone: string) => string; recoveryCodesLeft: number };

/** What the account page shows a staff member of their own account. */
export async function getOwnAccount(db: DbOrTx, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError("Your account is gone.");
  const enabledAt = user.totpEnabledAt;
  const twoFactor: TwoFactorView = enabledAt
    ? { state: "on", since: (timeZone) => formatInstant(enabledAt, timeZone), recoveryCodesLeft: user.recoveryCodeHashes.length }
    : user.totpSecret
      ? {
          state: "pending",
          secret: user.totpSecret,
          uri: otpauthUri({ secret: user.totpSecret, account: user.email, issuer: TOTP_ISSUER }),
        }
      : { state: "off" };
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    hasPassword: Boolean(user.passwordHash),
    twoFactor,
    mustEnrol: await mustEnrolTwoFactor(db, userId),
  };
}
