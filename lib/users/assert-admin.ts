import type { Actor } from "../auth/actor.ts";
import { authorize, decideForAccount } from "../auth/policy.ts";
import type { DbOrTx } from "../db/client.ts";
import { InvalidError } from "../errors.ts";

/**
 * For changes to staff accounts: locks the enabled admins' rows (in a fixed order, so two admins
 * acting on each other at once cannot deadlock), has the policy decide on the actor as the
 * database has it now ("staff.manage"), and returns the admins' ids. The actor's own row is not
 * share-locked first (as `authorize` would): that lock, taken by two admins at once before this
 * one, would deadlock them.
 */
export async function lockAdminsAsAdmin(tx: DbOrTx, actor: Actor | null | undefined): Promise<string[]> {
  if (actor?.kind !== "staff") {
    await authorize(tx, actor, "staff.manage");
    return [];
  }
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'admin' AND disabled = false ORDER BY id FOR UPDATE`;
  const ids = admins.map((admin) => admin.id);
  if (!ids.includes(actor.id)) {
    const account = await tx.user.findUnique({ where: { id: actor.id }, select: { role: true, disabled: true } });
    decideForAccount(account, "staff.manage");
  }
  return ids;
}

/** Refuses a change that would leave no enabled admin, given the ids `lockAdminsAsAdmin` returned. */
export function keepOneAdmin(adminIds: string[], losingAdminUserId: string): void {
  if (adminIds.includes(losingAdminUserId) && adminIds.length === 1) {
    throw new InvalidError("This is the last admin: make someone else an admin first.");
  }
}
