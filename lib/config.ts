import path from "node:path";
import { parseApiRateLimit } from "./api-keys/rate-limit.ts";
import { type PurgeTarget, PurgeTargetError, parsePurgeTarget } from "./edge/purge-target.ts";
import { publicUrlProblem } from "./page/public-url.ts";
import { MIN_PASSWORD_LENGTH } from "./users/schemas.ts";

// Every environment variable Upstate reads, parsed in one place. Documented in README.md.

export class ConfigError extends Error {}

export const ROOT_DIR = path.resolve(import.meta.dirname, "..");

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** DATABASE_REPLICA_URL: a streaming replica of DATABASE_URL that public renders read from. */
  databaseReplicaUrl: string | undefined;
  dataDir: string;
  publicUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** ADMIN_RESET=1: reset the ADMIN_EMAIL account's password and re-enable it as admin at this start. */
  adminReset: boolean;
  seedDemo: boolean;
  /** UPSTATE_BOOTSTRAP_API_KEY: at start, a key named "bootstrap" with every scope and this secret. */
  bootstrapApiKey: string | undefined;
  /** UPSTATE_API_RATE_LIMIT: requests a minute each API key may make. */
  apiRateLimitPerMinute: number;
  /** EDGE_PURGE (with its token): the edge cache purged on every public change, or null. */
  edgePurge: PurgeTarget | null;
};

/** The shortest UPSTATE_BOOTSTRAP_API_KEY accepted. */
export const MIN_BOOTSTRAP_API_KEY_LENGTH = 32;
function parseRateLimit(raw: string | undefined): number {
  const limit = parseApiRateLimit(raw);
  if (limit === null) {
    throw new ConfigError(`UPSTATE_API_RATE_LIMIT must be a whole number of requests a minute (1 or more), not "${raw}".`);
  }
  return limit;
}

function parseBootstrapApiKey(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (raw.length < MIN_BOOTSTRAP_API_KEY_LENGTH || /\s/.test(raw)) {
    throw new ConfigError(
      `UPSTATE_BOOTSTRAP_API_KEY must be at least ${MIN_BOOTSTRAP_API_KEY_LENGTH} characters with no spaces (it has ${raw.length}); generate one with: openssl rand -hex 24`,
    );
  }
  return raw;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 1 to 65535, not "${raw}".`);
  }
  return port;
}

function parseDatabaseUrl(raw: string | undefined, name = "DATABASE_URL"): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: expected postgresql://user:password@host:5432/database.`);
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new ConfigError(`${name} must start with postgresql://, not ${url.protocol}//.`);
  }
  return raw;
}

export function parsePublicUrl(raw: string | undefined, name = "PUBLIC_URL"): string | undefined {
  if (!raw) return undefined;
  const problem = publicUrlProblem(raw);
  if (problem) throw new ConfigError(`${name} "${raw}" is not usable: ${problem}`);
  return raw;
}

function parseFlag(raw: string | undefined, fallback: boolean, name: string): boolean {
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no", "off"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0 (true or false), not "${raw}".`);
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const adminEmail = env.ADMIN_EMAIL?.trim() || undefined;
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) {
    throw new ConfigError(`ADMIN_EMAIL is not an email address: "${adminEmail}".`);
  }
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError("Set ADMIN_EMAIL and ADMIN_PASSWORD together (or neither).");
  }
  if (env.ADMIN_RESET && parseFlag(env.ADMIN_RESET, false, "ADMIN_RESET") && !adminEmail) {
    throw new ConfigError("ADMIN_RESET=1 resets the ADMIN_EMAIL account: set ADMIN_EMAIL and ADMIN_PASSWORD too.");
  }
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL);
  const databaseReplicaUrl = parseDatabaseUrl(env.DATABASE_REPLICA_URL, "DATABASE_REPLICA_URL");
  if (databaseReplicaUrl && !databaseUrl) {
    throw new ConfigError(
      "DATABASE_REPLICA_URL is a replica of the PostgreSQL in DATABASE_URL: set DATABASE_URL too (the embedded database has no replica).",
    );
  }
  if (adminPassword && adminPassword.length < MIN_PASSWORD_LENGTH) {
    throw new ConfigError(`ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  }
  return {
    port: parsePort(env.PORT),
    host: env.HOST || "0.0.0.0",
    databaseUrl,
    databaseReplicaUrl,
    dataDir: path.resolve(ROOT_DIR, env.UPSTATE_DATA_DIR || ".data"),
    publicUrl: parsePublicUrl(env.PUBLIC_URL),
    adminEmail,
    adminPassword,
    adminReset: parseFlag(env.ADMIN_RESET, false, "ADMIN_RESET"),
    seedDemo: parseFlag(env.SEED_DEMO, true, "SEED_DEMO"),
    bootstrapApiKey: parseBootstrapApiKey(env.UPSTATE_BOOTSTRAP_API_KEY),
    apiRateLimitPerMinute: parseRateLimit(env.UPSTATE_API_RATE_LIMIT),
    edgePurge: parseEdgePurge(env),
  };
}

function parseEdgePurge(env: Record<string, string | undefined>): PurgeTarget | null {
  try {
    return parsePurgeTarget(env);
  } catch (error) {
    if (error instanceof PurgeTargetError) throw new ConfigError(error.message);
    throw error;
  }
}
