import type { DbOrTx } from "../db/client.ts";
import type { Actor } from "./actor.ts";

/**
 * The staff member a session names, read fresh so that disabling an account or changing its role
 * takes effect at the next request rather than when the session expires. Null when the account
 * is gone or disabled.
 */
export async function loadStaff(db: DbOrTx, userId: string | undefined): Promise<Actor | null> {
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
