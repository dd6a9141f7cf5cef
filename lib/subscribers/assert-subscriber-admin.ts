import type { Actor } from "../auth/actor.ts";
import { loadStaff } from "../auth/load-staff.ts";
import type { DbOrTx } from "../db/client.ts";
import { ForbiddenError } from "../errors.ts";

/**
 * Subscribers are people's addresses and secret endpoint URLs: admins only. The account is read
 * again here (inside the write's transaction for writes), so an admin demoted or disabled since
 * the session began is refused at once.
 */
export async function assertSubscriberAdmin(db: DbOrTx, actor: Actor | null | undefined): Promise<Actor> {
  if (!actor) throw new ForbiddenError("You are signed out. Sign in again in another tab; what you typed is still here.", true);
  const current = await loadStaff(db, actor.id);
  if (!current) throw new ForbiddenError("Your account is disabled or gone: ask an admin.");
  if (current.role !== "admin") throw new ForbiddenError("Only an admin can manage subscribers.");
  return current;
}
