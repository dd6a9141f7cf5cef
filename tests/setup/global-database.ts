import type { TestProject } from "vitest/node";
import { migrate } from "../../lib/db/migrate.ts";
import { createScratchDatabase, openTestServer } from "../support/scratch-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    databaseUrl: string;
  }
}

/** One migrated database shared by the suites (each builds its own rows), plus the server's admin URL. */
export default async function setup(project: TestProject) {
  const server = await openTestServer();
  const database = await createScratchDatabase(server.adminUrl);
  await migrate(database.url);
  project.provide("adminDatabaseUrl", server.adminUrl);
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.drop();
    await server.close();
  };
}
