import pg from "pg";
import { afterAll, inject } from "vitest";
import { PUBLIC_CHANGE_CHANNEL, type PublicChange } from "../../lib/cache/public-change.ts";

/** Listens to the shared test database's public-change notifications; `received` fills as they commit. */
export async function listenToPublicChanges(): Promise<{ received: PublicChange[]; settle: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  const received: PublicChange[] = [];
  client.on("notification", (n) => {
    if (n.channel === PUBLIC_CHANGE_CHANNEL && n.payload) received.push(JSON.parse(n.payload));
  });
  await client.query(`LISTEN ${PUBLIC_CHANGE_CHANNEL}`);
  afterAll(() => client.end());
  // A round trip on this connection delivers what was sent before it.
  return { received, settle: async () => void (await client.query("SELECT 1")) };
}
