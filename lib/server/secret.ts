import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The secret kept in `file`, or a new random one written there first. Only the owner may read it
 * (mode 600): other local users must not learn it.
 */
export async function loadOrCreateSecretFile(file: string): Promise<{ secret: string; created: boolean }> {
  const existing = await readFile(file, "utf8").catch(() => "");
  if (existing.trim()) return { secret: existing.trim(), created: false };
  const secret = randomBytes(32).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  // `mode` only applies to a new file; an empty one left behind keeps its own.
  await chmod(file, 0o600);
  return { secret, created: true };
}

/** NEXTAUTH_SECRET, or one generated on first start and kept in the data folder so sessions survive restarts. */
export async function loadOrCreateSecret(dataDir: string, fromEnv?: string): Promise<string> {
  if (fromEnv) return fromEnv;
  return (await loadOrCreateSecretFile(path.join(dataDir, "nextauth-secret"))).secret;
}
