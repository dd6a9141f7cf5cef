import { execFile } from "node:child_process";
import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT_DIR } from "../lib/config.ts";
import { ownDatabase } from "./support/db.ts";

const run = promisify(execFile);
const fixtures = path.join(ROOT_DIR, "tests/fixtures/statuspage");
const { url, db } = await ownDatabase();

async function importCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/import-statuspage.ts", ...args],
      {
        cwd: ROOT_DIR,
        env: { ...process.env, DATABASE_URL: url },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run import:statuspage", () => {
  it("imports a saved export folder and says what it created", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "statuspage-cli-"));
    await cp(path.join(fixtures, "discord-components-with-group-2019.json"), path.join(dir, "components.json"));
    await cp(path.join(fixtures, "discord-incidents.json"), path.join(dir, "incidents.json"));
    await cp(path.join(fixtures, "discord-scheduled-maintenances.json"), path.join(dir, "scheduled-maintenances.json"));
    const result = await importCommand([dir]);
    expect(result.stdout).toContain('Imported "Discord"');
    expect(result.code).toBe(0);
    expect(await db.incident.count()).toBe(2);
  });

  it("stops with exit code 1 and the file named when a file is missing", async () => {
    const result = await importCommand([await mkdtemp(path.join(os.tmpdir(), "statuspage-cli-empty-"))]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nothing was written: components\.json: missing/);
  });

  it("prints its usage without an argument", async () => {
    const result = await importCommand([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: npm run import:statuspage -- <folder-or-base-url>");
  });
});
