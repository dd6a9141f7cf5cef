import type { DbOrTx } from "../db/client.ts";

// Public pages and API responses are served from an in-memory cache (lib/server/response-cache.ts).
// Every write in lib/ that changes what the public sees calls `notifyPublicChange` inside its
// transaction. PostgreSQL delivers the notification only when the transaction commits, to every
// Upstate process listening (several servers, or a CLI such as the importer writing while the
// server runs), and each drops the affected cached responses.

export const PUBLIC_CHANGE_CHANNEL = "upstate_public_change";

export type PublicChange = {
  /** Incidents or maintenance whose own pages changed (created, edited, deleted). */
  incidentIds?: string[];
  /** Everything public changed (page settings, components): drop every cached response. */
  all?: boolean;
};

export async function notifyPublicChange(db: DbOrTx, change: PublicChange): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${JSON.stringify(change)})`;
}
