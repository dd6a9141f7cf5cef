import type { DbOrTx } from "../db/client.ts";

/**
 * Ends every session of an account (they carry the old version, lib/auth/load-staff.ts). Called
 * inside the transaction that signs out, changes a password or role, or disables the account.
 */
export async function endSessions(tx: DbOrTx, userId: string): Promise<void> {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/**
 * Sign-out: ends the account's sessions when the token signing out is still one of them, so a
 * stale or replayed token cannot sign the account out again and again.
 */
export async function signOutSession(db: DbOrTx, claims: { userId?: string; sessionVersion?: unknown }): Promise<boolean> {
  if (!claims.userId || typeof claims.sessionVersion !== "number") return false;
  const { count } = await db.user.updateMany({
    where: { id: claims.userId, sessionVersion: claims.sessionVersion },
    data: { sessionVersion: { increment: 1 } },
  });
  return count > 0;
}
