import type { TestProject } from "vitest/node";
import { migrate } from "../../lib/db/migrate.ts";
import { createScratchDatabase, openTestServer } from "../support/scratch-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    databaseUrl: string;
    /** A migrated database no test connects to: `CREATE DATABASE … TEMPLATE` copies it. */
    migratedTemplate: string;
  }
}

/**
 * Migrates one database, once per run, as the template of every migrated database a test asks
 * for (copying it takes a fraction of replaying the migrations), and clones from it the database
 * the suites share (each builds its own rows there).
 */
export default async function setup(project: TestProject) {
  const server = await openTestServer();
  const template = await createScratchDatabase(server.adminUrl, "upstate_template");
  await migrate(template.url);
  const shared = await createScratchDatabase(server.adminUrl, "upstate_test", { template: template.name });
  project.provide("adminDatabaseUrl", server.adminUrl);
  project.provide("databaseUrl", shared.url);
  project.provide("migratedTemplate", template.name);
  return async () => {
    await shared.drop();
    await template.drop();
    await server.close();
  };
}
