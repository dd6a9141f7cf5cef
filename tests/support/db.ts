import { afterAll, inject } from "vitest";
import { createDb, type Db } from "../../lib/db/client.ts";
import { migrate } from "../../lib/db/migrate.ts";
import { createScratchDatabase } from "./scratch-database.ts";

// Registered when a test file imports this module, so at the file's top level: hooks registered
// from inside a test would never run, and the databases would be left behind.
let shared: Db | undefined;
const owned: { db: Db; drop: () => Promise<void> }[] = [];
afterAll(async () => {
  await shared?.$disconnect();
  shared = undefined;
  for (const { db, drop } of owned.splice(0)) {
    await db.$disconnect();
    await drop();
  }
});

/** The migrated database shared by this run's suites; build your own rows in it. */
export function testDb(): Db {
  shared ??= createDb(inject("databaseUrl"));
  return shared;
}

/** A database of the test's own, migrated unless `{ migrated: false }`, dropped after the file. */
export async function ownDatabase(options: { migrated?: boolean } = {}): Promise<{ url: string; db: Db }> {
  const scratch = await createScratchDatabase(inject("adminDatabaseUrl"));
  if (options.migrated !== false) await migrate(scratch.url);
  const db = createDb(scratch.url);
  owned.push({ db, drop: scratch.drop });
  return { url: scratch.url, db };
}
