import { cp, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { MIGRATIONS_DIR, migrate, readMigrations } from "./migrate.ts";

async function rows(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const result = await client.query(
    `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  await client.end();
  return result.rows;
}

describe("migrate", () => {
  it("applies every migration once and records it as Prisma does", async () => {
    const { url } = await ownDatabase({ migrated: false });
    const local = await readMigrations();
    expect(await migrate(url)).toEqual(local.map((m) => m.name));
    const recorded = await rows(url);
    expect(recorded.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    expect(recorded.map((r) => r.checksum)).toEqual(local.map((m) => m.checksum));
    expect(recorded.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);

    // A second start applies nothing.
    expect(await migrate(url)).toEqual([]);
    expect(await rows(url)).toHaveLength(local.length);
  });

  it("runs safely when two processes start at once", async () => {
    const { url } = await ownDatabase({ migrated: false });
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    expect([...a, ...b].sort()).toEqual((await readMigrations()).map((m) => m.name));
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const { url } = await ownDatabase({ migrated: false });
    const dir = await mkdtemp(path.join(os.tmpdir(), "upstate-migrations-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await migrate(url, { dir });
    const [first] = await readMigrations(dir);
    await writeFile(path.join(dir, first!.name, "migration.sql"), `${first!.sql}\n-- edited\n`);
    await expect(migrate(url, { dir })).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls back a failing migration and names it", async () => {
    const { url } = await ownDatabase({ migrated: false });
    const dir = await mkdtemp(path.join(os.tmpdir(), "upstate-migrations-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    const bad = path.join(dir, "29991231000000_broken");
    await import("node:fs/promises").then((fs) => fs.mkdir(bad));
    await writeFile(path.join(bad, "migration.sql"), `CREATE TABLE "Half" (id int);\nSELECT * FROM "NoSuchTable";`);
    await expect(migrate(url, { dir })).rejects.toThrow(/29991231000000_broken failed/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const half = await client.query(`SELECT to_regclass('"Half"') AS t`);
    await client.end();
    expect(half.rows[0].t).toBeNull();
    expect((await rows(url)).map((r) => r.migration_name)).not.toContain("29991231000000_broken");
  });
});
