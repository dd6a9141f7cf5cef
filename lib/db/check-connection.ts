import pg from "pg";

/** Codes of a database that is away for now (down, restarting, the network), not misconfigured. */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EAI_AGAIN",
  // A stopped container's host name no longer resolves (Docker Compose, Kubernetes).
  "ENOTFOUND",
  "57P01", // terminated by an administrator: shutting down
  "57P02", // crash shutdown
  "57P03", // starting up or recovering
  "53300", // too many connections
]);

export class DatabaseConnectionError extends Error {
  constructor(
    /** host:port/database, to name the server in a log line without its password. */
    readonly where: string,
    readonly reason: string,
    /** Whether the database may come back by itself (as opposed to a wrong password or name). */
    readonly unreachable: boolean,
  ) {
    super(`Cannot connect to the PostgreSQL in DATABASE_URL (${where}): ${reason}.`);
  }
}

/** Whether an error (from pg or our own) says the database is away for now. */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof DatabaseConnectionError) return error.unreachable;
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code !== undefined && UNREACHABLE_CODES.has(code)) || /timeout|terminated unexpectedly/i.test(message ?? "");
}

export function describeDatabase(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

/** Connects once to give a clear message when the database cannot be reached. */
export async function checkConnection(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  // A connection dropped after connecting is reported as an error of the query too.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason =
      e.code === "ECONNREFUSED"
        ? "nothing is listening there"
        : e.code === "ENOTFOUND"
          ? "that host name does not resolve"
          : e.code === "3D000"
            ? "that database does not exist (create it first)"
            : e.code === "28P01" || e.code === "28000"
              ? "the user name or password was refused"
              : e.message || e.code || "connection failed";
    throw new DatabaseConnectionError(describeDatabase(connectionString), reason, isUnreachable(error));
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Tries `checkConnection` until it succeeds, waiting a little longer after each failure (at most
 * `maxDelayMs`). Says once a minute how many attempts failed, and at once when the reason changes.
 */
export async function waitForDatabase(
  connectionString: string,
  options: { log: (message: string) => void; maxDelayMs?: number; firstReason?: string },
): Promise<void> {
  const maxDelayMs = options.maxDelayMs ?? 2_000;
  let delayMs = 250;
  let reason = options.firstReason;
  let failures = 0;
  let since = Date.now();
  while (true) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, maxDelayMs);
    try {
      await checkConnection(connectionString);
      return;
    } catch (error) {
      const now = error instanceof DatabaseConnectionError ? error.reason : (error as Error).message;
      failures++;
      if (now !== reason) {
        options.log(`PostgreSQL at ${describeDatabase(connectionString)} still cannot be used: ${now}; retrying`);
        reason = now;
      }
      if (Date.now() - since >= 60_000) {
        options.log(`PostgreSQL still unreachable: ${failures} attempts failed in the last minute (${now}); retrying`);
        failures = 0;
        since = Date.now();
      }
    }
  }
}
