import { DatabaseBusyError, DatabaseUnavailableError } from "../errors.ts";

// Prisma, its pg adapter, pg and Node each report a database in trouble their own way. This is the
// one place that knows those shapes; everything else sees DatabaseUnavailableError or
// DatabaseBusyError. No import of Prisma's runtime: form code in the browser bundle uses this too.

/** Prisma's codes for a server that cannot be reached or refuses us. */
const PRISMA_UNAVAILABLE = new Set(["P1000", "P1001", "P1002", "P1003", "P1008", "P1010", "P1011", "P1017"]);
/** Prisma's codes for waiting too long: for a pooled connection, to start a transaction, or on a conflict. */
const PRISMA_BUSY = new Set(["P2024", "P2028", "P2034", "P2037"]);
/** SQLSTATEs: lock_not_available, query_canceled (statement timeout), deadlock, serialization, too many connections. */
const SQL_BUSY = new Set(["55P03", "57014", "40P01", "40001", "53300"]);
/** SQLSTATEs: the server shutting down or starting, and connection exceptions (class 08). */
const SQL_UNAVAILABLE = /^(57P0[1-3]|08...)$/;
/** Node's socket errors, raw from pg or as the code of a Prisma error (a missing socket file is ENOENT). */
const SOCKET_UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ENOENT",
  "EACCES",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EAI_AGAIN",
]);
// pg-pool's own errors carry no code, only these fixed messages.
const POOL_WAIT_TIMEOUT = "timeout exceeded when trying to connect";
const POOL_CONNECT_FAILURES = ["Connection terminated due to connection timeout", "Connection terminated unexpectedly"];

type Coded = {
  name?: unknown;
  code?: unknown;
  syscall?: unknown;
  meta?: { code?: unknown; driverAdapterError?: { cause?: { code?: unknown; originalCode?: unknown } } };
  cause?: unknown;
};

/** Every code an error carries: its own, the driver's under Prisma's, and its causes'. */
function codesOf(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== "object" || depth > 3) return [];
  const coded = error as Coded;
  const cause = coded.meta?.driverAdapterError?.cause;
  const own = [coded.code, coded.meta?.code, cause?.originalCode, cause?.code].filter(
    (code): code is string => typeof code === "string",
  );
  return [...own, ...codesOf(coded.cause, depth + 1)];
}

/**
 * A socket error counts only when it is the database's: from Prisma, or from pg connecting. The
 * same codes from anything else (an HTTP request, a file) are not database trouble.
 */
function fromDatabaseSocket(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const coded = error as Coded;
  if (typeof coded.code !== "string" || !SOCKET_UNAVAILABLE.has(coded.code)) return false;
  return (
    (typeof coded.name === "string" && coded.name.startsWith("PrismaClient")) ||
    coded.syscall === "connect" ||
    coded.syscall === "getaddrinfo"
  );
}

/**
 * The database trouble `error` reports, as one of our two errors, or undefined when it is
 * something else (a bug, a constraint, a domain error). Already mapped errors map to themselves.
 */
export function asDatabaseError(error: unknown): DatabaseUnavailableError | DatabaseBusyError | undefined {
  if (error instanceof DatabaseUnavailableError || error instanceof DatabaseBusyError) return error;
  const codes = codesOf(error);
  if (codes.some((code) => PRISMA_BUSY.has(code) || SQL_BUSY.has(code))) return new DatabaseBusyError();
  if (fromDatabaseSocket(error) || codes.some((code) => PRISMA_UNAVAILABLE.has(code) || SQL_UNAVAILABLE.test(code))) {
    return new DatabaseUnavailableError();
  }
  const message = error instanceof Error ? error.message : "";
  if (message === POOL_WAIT_TIMEOUT) return new DatabaseBusyError();
  if (POOL_CONNECT_FAILURES.includes(message)) return new DatabaseUnavailableError();
  return undefined;
}
