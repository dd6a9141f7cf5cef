import type { Actor } from "../auth/actor.ts";
import type { DbOrTx } from "../db/client.ts";
import { ForbiddenError, InvalidError } from "../errors.ts";

const STAFF_REFUSAL = "Only an admin can manage staff accounts.";
const GONE = "Your account is disabled or gone: ask an admin.";

/** A quick refusal before any work; the binding check is `assertStillAdmin`, inside the write's transaction. */
export function assertAdmin(actor: Actor, refusal = STAFF_REFUSAL): void {
  if (actor.role !== "admin") throw new ForbiddenError(refusal);
}

/**
 * Refuses unless the acting account is, as the database has it now, an enabled admin. Run inside
 * the write's transaction: the account's row stays share-locked until it commits, so an admin
 * disabled or demoted at the same moment is either refused here or disabled after this write,
 * never both enabled for the write and disabled before it.
 */
export async function assertStillAdmin(tx: DbOrTx, actor: Actor, refusal = STAFF_REFUSAL): Promise<void> {
  const [current] = await tx.$queryRaw<{ role: string; disabled: boolean }[]>`
    SELECT role::text AS role, disabled FROM "User" WHERE id = ${actor.id} FOR SHARE`;
  if (!current || current.disabled) throw new ForbiddenError(GONE);
  if (current.role !== "admin") throw new ForbiddenError(refusal);
}

/**
 * For changes to staff accounts: locks the enabled admins' rows (in a fixed order, so two admins
 * acting on each other at once cannot deadlock), refuses an actor who is not among them, and
 * returns their ids.
 */
export async function lockAdminsAsAdmin(tx: DbOrTx, actor: Actor): Promise<string[]> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'admin' AND disabled = false ORDER BY id FOR UPDATE`;
  const ids = admins.map((admin) => admin.id);
  if (!ids.includes(actor.id)) {
    const account = await tx.user.findUnique({ where: { id: actor.id }, select: { disabled: true } });
    throw new ForbiddenError(!account || account.disabled ? GONE : STAFF_REFUSAL);
  }
  return ids;
}

/** Refuses a change that would leave no enabled admin, given the ids `lockAdminsAsAdmin` returned. */
export function keepOneAdmin(adminIds: string[], losingAdminUserId: string): void {
  if (adminIds.includes(losingAdminUserId) && adminIds.length === 1) {
    throw new InvalidError("This is the last admin: make someone else an admin first.");
  }
}
