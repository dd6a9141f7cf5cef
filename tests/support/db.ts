import { inject } from "vitest";
import { createDb, type Db } from "../../lib/db/client.ts";
import { createScratchDatabase } from "./scratch-database.ts";

let shared: Db | undefined;
const owned: Db[] = [];

/**
 * Closes the connections a test file opened here: run after every file by
 * tests/setup/close-databases.ts. (A hook registered by this module itself would run only after
 * the first file that imports it where files share modules, leaving every later file's open.)
 */
export async function closeTestDatabases(): Promise<void> {
  await shared?.$disconnect();
  shared = undefined;
  await Promise.all(owned.splice(0).map((db) => db.$disconnect()));
}

/** The migrated database shared by this run's suites; build your own rows in it. */
export function testDb(): Db {
  shared ??= createDb(inject("databaseUrl"));
  return shared;
}

/**
 * A database of the test's own: a copy of the run's migrated template, or empty with
 * `{ migrated: false }` (for tests of the migrations themselves). Dropped at the end of the run
 * (tests/setup/global-database.ts), together with the run's other databases.
 */
export async function ownDatabase(options: { migrated?: boolean } = {}): Promise<{ url: string; db: Db }> {
  const template = options.migrated === false ? undefined : inject("migratedTemplate");
  const scratch = await createScratchDatabase(inject("adminDatabaseUrl"), inject("runDatabasePrefix"), { template });
  const db = createDb(scratch.url);
  owned.push(db);
  return { url: scratch.url, db };
}
