import type { DbOrTx } from "../db/client.ts";

/**
 * Whether this staff member must turn two-factor on before using the admin: the page requires it
 * (PageSettings.requireTwoFactor) and the account signs in with a password but has it off.
 * Single sign-on accounts are left to their identity provider.
 */
export async function mustEnrolTwoFactor(db: DbOrTx, userId: string): Promise<boolean> {
  const [settings, user] = await Promise.all([
    db.pageSettings.findUnique({ where: { id: 1 }, select: { requireTwoFactor: true } }),
    db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, totpEnabledAt: true } }),
  ]);
  return Boolean(settings?.requireTwoFactor && user?.passwordHash && !user.totpEnabledAt);
}
