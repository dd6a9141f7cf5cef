import { afterAll, inject } from "vitest";
import { createDb, type Db } from "../../lib/db/client.ts";
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

/**
 * A database of the test's own, dropped after the file: a copy of the run's migrated template, or
 * empty with `{ migrated: false }` (for tests of the migrations themselves).
 */
export async function ownDatabase(options: { migrated?: boolean } = {}): Promise<{ url: string; db: Db }> {
  const template = options.migrated === false ? undefined : inject("migratedTemplate");
  const scratch = await createScratchDatabase(inject("adminDatabaseUrl"), "upstate_test", { template });
  const db = createDb(scratch.url);
  owned.push({ db, drop: scratch.drop });
  return { url: scratch.url, db };
}
