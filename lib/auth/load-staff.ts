import type { DbOrTx } from "../db/client.ts";
import { type StaffActor, staffActor } from "./actor.ts";
import { type SessionClaims, secondsLeft } from "./session-claims.ts";

/**
 * The staff member an account id names, read fresh so that disabling an account or changing its
 * role takes effect at the next request rather than when the session expires. Null when the
 * account is gone or disabled.
 */
export async function loadStaff(db: DbOrTx, userId: string | undefined): Promise<StaffActor | null> {
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || user.disabled) return null;
  return staffActor(user);
}

/**
 * The staff member a session belongs to, checked at every request: the account must be enabled,
 * the session made since its last sign-out, password change, role change or disabling (its
 * version is the account's current one), and younger than the session lifetime. A token made
 * before versions existed has none, and is refused.
 */
export async function loadSessionStaff(db: DbOrTx, claims: SessionClaims, now: Date = new Date()): Promise<StaffActor | null> {
  if (!claims.userId || typeof claims.sessionVersion !== "number" || secondsLeft(claims.signedInAt, now) <= 0) return null;
  const user = await db.user.findUnique({ where: { id: claims.userId } });
  if (!user || user.disabled || user.sessionVersion !== claims.sessionVersion) return null;
  return staffActor(user);
}
