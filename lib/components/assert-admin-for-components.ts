import type { Actor } from "../auth/actor.ts";
import type { DbOrTx } from "../db/client.ts";
import { assertAdmin, assertStillAdmin } from "../users/assert-admin.ts";

const REFUSAL = "Only an admin can add, edit or delete components.";

/** Adding, editing and deleting components and groups is for admins; editors set statuses. */
export function assertCanEditComponents(actor: Actor): void {
  assertAdmin(actor, REFUSAL);
}

/** The binding check, inside the write's transaction: the account is still an enabled admin. */
export function assertStillCanEditComponents(tx: DbOrTx, actor: Actor): Promise<void> {
  return assertStillAdmin(tx, actor, REFUSAL);
}
