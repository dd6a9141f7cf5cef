import type { Actor } from "../auth/actor.ts";
import { loadStaff } from "../auth/load-staff.ts";
import type { DbOrTx } from "../db/client.ts";
import { ForbiddenError } from "../errors.ts";

const MAINTENANCE_ROLES: readonly string[] = ["admin", "editor"];

/**
 * Maintenance is run by staff of either role. The account is read again inside the write's
 * transaction, so one disabled or demoted since the session began is refused at once.
 */
export async function assertCanManageMaintenance(tx: DbOrTx, actor: Actor | null | undefined): Promise<Actor> {
  if (!actor) throw new ForbiddenError("You are signed out. Sign in again in another tab; what you typed is still here.", true);
  const current = await loadStaff(tx, actor.id);
  if (!current) throw new ForbiddenError("Your account is disabled or gone: ask an admin.");
  if (!MAINTENANCE_ROLES.includes(current.role)) throw new ForbiddenError("Only editors and admins can manage maintenance.");
  return current;
}
