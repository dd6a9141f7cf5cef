// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
// the SQL that takes the database from the schema of the last migration to prisma/schema.prisma.
// Prisma's native engine cannot run here, so this uses its WebAssembly build (lib/db/schema-engine.ts)
// and keeps the schema as of the last migration in prisma/migrations/schema-at-last-migration.prisma.
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { describeSchema } from "../lib/db/catalog.ts";
import { MIGRATIONS_DIR, migrate } from "../lib/db/migrate.ts";
import { diffSchemas, readSchema, SCHEMA_PATH } from "../lib/db/schema-engine.ts";
import { createScratchDatabase, openTestServer } from "../tests/support/scratch-database.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and underscores, e.g. add_subscribers)");
  process.exit(2);
}

const snapshotPath = path.join(MIGRATIONS_DIR, "schema-at-last-migration.prisma");
const previous = await readFile(snapshotPath, "utf8");
const next = await readSchema();

const server = await openTestServer();
const scratch = await Promise.all([
  createScratchDatabase(server.adminUrl, "upstate_mig"),
  createScratchDatabase(server.adminUrl, "upstate_snap"),
]);
try {
  // The snapshot must describe what the migrations build, or the diff would be wrong.
  const [fromMigrations, fromSnapshot] = scratch;
  await migrate(fromMigrations.url);
  const client = new pg.Client({ connectionString: fromSnapshot.url });
  await client.connect();
  await client.query(await diffSchemas(fromSnapshot.url, null, previous));
  await client.end();
  if (JSON.stringify(await describeSchema(fromMigrations.url)) !== JSON.stringify(await describeSchema(fromSnapshot.url))) {
    throw new Error(`${path.relative(process.cwd(), snapshotPath)} does not match the migrations: restore it from git.`);
  }
  const sql = await diffSchemas(fromMigrations.url, previous, next);
  if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) {
    console.log("schema.prisma has no changes that need a migration.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await mkdir(dir);
    await writeFile(path.join(dir, "migration.sql"), sql);
    await copyFile(SCHEMA_PATH, snapshotPath);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql:\n\n${sql}`);
    console.log("Review it, then run npm test (the drift test checks schema and migrations agree).");
  }
} finally {
  await Promise.all(scratch.map((s) => s.drop()));
  await server.close();
}
