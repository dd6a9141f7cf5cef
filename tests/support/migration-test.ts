import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MIGRATIONS_DIR, migrate } from "../../lib/db/migrate.ts";
import { ownDatabase } from "./db.ts";

/**
 * A database of its own with every migration but `migration` applied, for a test that writes the
 * rows a migration must convert, then applies it (`migrate(url)`).
 */
export async function databaseBefore(migration: string): Promise<string> {
  const { url } = await ownDatabase({ migrated: false });
  const others = await mkdtemp(path.join(os.tmpdir(), "upstate-migrations-"));
  try {
    await cp(MIGRATIONS_DIR, others, { recursive: true });
    await rm(path.join(others, migration), { recursive: true });
    await migrate(url, { dir: others });
  } finally {
    await rm(others, { recursive: true, force: true });
  }
  return url;
}
