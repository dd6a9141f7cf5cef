import { afterAll, inject } from "vitest";
import { createDb, type Db } from "../../lib/db/client.ts";
import { migrate } from "../../lib/db/migrate.ts";
import { createScratchDatabase } from "./scratch-database.ts";

let shared: Db | undefined;

/** The migrated database shared by this run's suites; build your own rows in it. */
export function testDb(): Db {
  if (!shared) {
    shared = createDb(inject("databaseUrl"));
    afterAll(async () => {
      await shared?.$disconnect();
      shared = undefined;
    });
  }
  return shared;
}

/** A database of the suite's own, migrated unless `{ migrated: false }`, dropped after the suite. */
export async function ownDatabase(options: { migrated?: boolean } = {}): Promise<{ url: string; db: Db }> {
  const scratch = await createScratchDatabase(inject("adminDatabaseUrl"));
  if (options.migrated !== false) await migrate(scratch.url);
  const db = createDb(scratch.url);
  afterAll(async () => {
    await db.$disconnect();
    await scratch.drop();
  });
  return { url: scratch.url, db };
}
