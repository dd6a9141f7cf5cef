import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, chown, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../lib/db/embedded.ts";

// A PostgreSQL primary and a streaming replica of it, made by the test from Debian's PostgreSQL
// binaries in a folder of its own, on free ports: the machine's shared cluster is not touched.
// PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` OS user.

const BIN = "/usr/lib/postgresql/15/bin";
const DATABASE = "upstate";

export function streamingReplicaAvailable(): boolean {
  return ["initdb", "pg_ctl", "pg_basebackup", "postgres"].every((name) => existsSync(path.join(BIN, name)));
}

export type StreamingPair = {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs one statement on the primary or the replica and returns its rows. */
  query: <Row>(on: "primary" | "replica", text: string) => Promise<Row[]>;
  stopReplica: () => Promise<void>;
  /** Stops both servers and removes their folder. */
  stop: () => Promise<void>;
};

export async function startStreamingPair(): Promise<StreamingPair> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "upstate-replica-"));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await postgresUser() : null;
  if (owner) await chown(dir, owner.uid, owner.gid);
  const run = (command: string, args: string[]) =>
    runQuietly(
      asRoot ? "runuser" : path.join(BIN, command),
      asRoot ? ["-u", "postgres", "--", path.join(BIN, command), ...args] : args,
    );
  const primaryDir = path.join(dir, "primary");
  const replicaDir = path.join(dir, "replica");
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const started: string[] = [];

  const stop = async () => {
    for (const data of started.splice(0).reverse())
      await run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // initdb's pg_hba.conf lets local TCP connections replicate too (trust, as asked here).
    await run("initdb", ["-D", primaryDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
    await appendFile(
      path.join(primaryDir, "postgresql.conf"),
      [
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        "wal_level = replica",
        "max_wal_senders = 4",
        "fsync = off",
        "",
      ].join("\n"),
    );
    await run("pg_ctl", ["-D", primaryDir, "-l", path.join(dir, "primary.log"), "-w", "start"]);
    started.push(primaryDir);
    await withClient(`postgresql://postgres@127.0.0.1:${primaryPort}/postgres`, (client) =>
      client.query(`CREATE DATABASE ${DATABASE}`),
    );
    // -R writes the standby's settings (standby.signal, primary_conninfo); -X stream copies the WAL the copy needs.
    await run("pg_basebackup", [
      "-h",
      "127.0.0.1",
      "-p",
      String(primaryPort),
      "-U",
      "postgres",
      "-D",
      replicaDir,
      "-R",
      "-X",
      "stream",
      "-c",
      "fast",
    ]);
    await appendFile(path.join(replicaDir, "postgresql.conf"), `port = ${replicaPort}\n`);
    await run("pg_ctl", ["-D", replicaDir, "-l", path.join(dir, "replica.log"), "-w", "start"]);
    started.push(replicaDir);
  } catch (error) {
    await stop();
    throw error;
  }

  const urls = {
    primary: `postgresql://postgres@127.0.0.1:${primaryPort}/${DATABASE}`,
    replica: `postgresql://postgres@127.0.0.1:${replicaPort}/${DATABASE}`,
  };
  return {
    primaryUrl: urls.primary,
    replicaUrl: urls.replica,
    query: (on, text) => withClient(urls[on], async (client) => (await client.query(text)).rows),
    stopReplica: async () => {
      const index = started.indexOf(replicaDir);
      if (index < 0) return;
      started.splice(index, 1);
      await run("pg_ctl", ["-D", replicaDir, "-m", "fast", "-w", "stop"]);
    },
    stop,
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const output = await runQuietly("id", ["postgres"]);
  const uid = /uid=(\d+)/.exec(output)?.[1];
  const gid = /gid=(\d+)/.exec(output)?.[1];
  if (!uid || !gid) throw new Error("PostgreSQL will not run as root, and there is no postgres user to run it as");
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a program to its end; its output is shown only when it fails. */
function runQuietly(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} failed (${code}):\n${output}`)),
    );
  });
}
