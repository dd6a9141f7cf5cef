import type { DbOrTx } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";

/**
 * Locks an incident's row until the transaction ends, so that concurrent writes to one incident
 * derive its state one after the other. Throws NotFoundError when it is gone.
 */
export async function lockIncident(tx: DbOrTx, incidentId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Incident" WHERE id = ${incidentId} FOR UPDATE`;
  if (rows.length === 0) throw new NotFoundError("This incident no longer exists.");
}
