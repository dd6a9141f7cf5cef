import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT_DIR } from "../lib/config.ts";
import { freePort } from "../lib/db/embedded.ts";
import { ownDatabase } from "./support/db.ts";

/** Runs `npm start`'s script until it exits, returning its exit code and output. */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT_DIR, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", SEED_DEMO: "0", ...env },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d));
    child.stderr.on("data", (d: Buffer) => (output += d));
    // Only so that a start that hangs ends with the test (vitest.config.ts gives a test 120 s);
    // on a busy machine, reaching even a configuration error took more than 25 s.
    const timer = setTimeout(() => child.kill("SIGKILL"), 100_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function expectCleanFailure(result: { code: number | null; output: string }, message: RegExp) {
  expect(result.code).toBe(1);
  expect(result.output).toMatch(message);
  // A clear message, not a stack trace.
  expect(result.output).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe("npm start refuses bad configuration with a clear message", () => {
  // An unreachable one is an outage, not a mistake: see restart-during-outage.test.ts.
  it("a DATABASE_URL naming a database that does not exist", async () => {
    const { url } = await ownDatabase();
    const missing = new URL(url);
    missing.pathname = "/upstate_no_such_database";
    const result = await start({ DATABASE_URL: missing.toString(), PORT: String(await freePort()) });
    // The host as the URL names it: 127.0.0.1 for this machine's server, localhost for the
    // embedded one `npm test` starts when DATABASE_URL is not set.
    const where = `${missing.hostname}:${missing.port}/upstate_no_such_database`.replace(/[.]/g, "\\.");
    expectCleanFailure(
      result,
      new RegExp(`Cannot connect to the PostgreSQL in DATABASE_URL \\(${where}\\): that database does not exist`),
    );
  });

  it("a port in use", async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, "0.0.0.0", r));
    try {
      expectCleanFailure(await start({ PORT: String(port) }), new RegExp(`Port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  it("an unwritable data folder", async () => {
    // As root every folder is writable, so make the data folder's path run through a file.
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "upstate-")), "not-a-folder");
    await writeFile(file, "");
    const result = await start({ UPSTATE_DATA_DIR: path.join(file, "data"), PORT: String(await freePort()) });
    expectCleanFailure(result, /Cannot write the data directory .*not-a-folder\/data \(ENOTDIR\)/);
  });

  it("an UPSTATE_BOOTSTRAP_API_KEY shorter than 32 characters", async () => {
    expectCleanFailure(
      await start({ UPSTATE_BOOTSTRAP_API_KEY: "too-short-for-a-key", PORT: String(await freePort()) }),
      /UPSTATE_BOOTSTRAP_API_KEY must be at least 32 characters/,
    );
  });

  it("an invalid PORT", async () => {
    expectCleanFailure(await start({ PORT: "eighty" }), /PORT must be a whole number/);
  });

  it("an invalid time zone in the page settings", async () => {
    const { url, db } = await ownDatabase();
    await db.pageSettings.create({ data: { id: 1, name: "Broken", timeZone: "Mars/Olympus_Mons" } });
    const result = await start({ DATABASE_URL: url, PORT: String(await freePort()) });
    expectCleanFailure(result, /time zone "Mars\/Olympus_Mons" .* is not an IANA time zone name/);
  });
});

describe("npm start with a saved public URL for another path", () => {
  it("warns that sign-in goes through PUBLIC_URL's path until the settings are corrected", async () => {
    const { url, db } = await ownDatabase();
    await db.pageSettings.create({
      data: { id: 1, name: "Moved", timeZone: "UTC", publicUrl: "https://example.com/old-status" },
    });
    const child = spawn(process.execPath, [path.join(ROOT_DIR, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      cwd: ROOT_DIR,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "production",
        SEED_DEMO: "0",
        DATABASE_URL: url,
        PORT: String(await freePort()),
      },
    });
    let output = "";
    // The warning comes before the build and the server: stop as soon as it is printed.
    const warned = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 100_000);
      const read = (d: Buffer) => {
        output += d;
        if (output.includes("warning:")) {
          clearTimeout(timer);
          resolve(true);
        }
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
      child.on("exit", () => resolve(output.includes("warning:")));
    });
    // SIGTERM, which tsx passes on: killing tsx's own process would leave the script running on.
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
    expect(warned).toBe(true);
    expect(output).toContain(
      "warning: the page settings' public URL https://example.com/old-status has another path than PUBLIC_URL (/); sign-in uses PUBLIC_URL",
    );
  });
});
