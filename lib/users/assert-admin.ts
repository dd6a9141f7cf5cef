import type { Actor } from "../auth/actor.ts";
import type { DbOrTx } from "../db/client.ts";
import { ForbiddenError, InvalidError } from "../errors.ts";

/** Staff accounts are the admins' business, checked here as well as in the actions. */
export function assertAdmin(actor: Actor): void {
  if (actor.role !== "admin") throw new ForbiddenError("Only an admin can manage staff accounts.");
}

/**
 * Refuses a change that would leave no enabled admin. Locks the admin rows first, so two admins
 * demoting each other at once cannot both succeed.
 */
export async function keepOneAdmin(tx: DbOrTx, losingAdminUserId: string): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'admin' AND disabled = false ORDER BY id FOR UPDATE`;
  const remaining = admins.filter((a) => a.id !== losingAdminUserId);
  if (admins.some((a) => a.id === losingAdminUserId) && remaining.length === 0) {
    throw new InvalidError("This is the last admin: make someone else an admin first.");
  }
}
