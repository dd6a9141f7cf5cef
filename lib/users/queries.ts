import type { DbOrTx } from "../db/client.ts";

/** Staff accounts for the staff page: enabled ones first, each part by email. */
export async function listStaffAccounts(db: DbOrTx) {
  return db.user.findMany({ orderBy: [{ disabled: "asc" }, { email: "asc" }] });
}
