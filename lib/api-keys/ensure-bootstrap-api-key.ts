import { API_SCOPES } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { hashApiKey, shownPrefix } from "./secret.ts";

export const BOOTSTRAP_KEY_NAME = "bootstrap";
/** Serializes instances starting together (any constant, distinct from the other start-up locks). */
const BOOTSTRAP_KEY_LOCK = 72_707_371;

/**
 * UPSTATE_BOOTSTRAP_API_KEY, for deployments set up by scripts: at start, the key with that
 * secret exists, is named "bootstrap", has every scope and is not revoked (re-enabled if an admin
 * revoked it: the environment says it should work). A bootstrap key with another secret (the
 * variable changed) is revoked, so rotating the variable retires the old secret. Audited when
 * anything changed. The length rule (at least 32 characters) is checked in lib/config.ts.
 */
export async function ensureBootstrapApiKey(options: {
  db: Db;
  secret: string;
}): Promise<{ outcome: "created" | "reenabled" | "exists"; prefix: string }> {
  const secretHash = hashApiKey(options.secret);
  return options.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BOOTSTRAP_KEY_LOCK})`;
      const retired = await tx.apiKey.findMany({
        where: { name: BOOTSTRAP_KEY_NAME, revokedAt: null, secretHash: { not: secretHash } },
        select: { id: true, prefix: true },
      });
      for (const old of retired) {
        await tx.apiKey.update({ where: { id: old.id }, data: { revokedAt: new Date() } });
        await tx.auditLog.create({
          data: {
            actorEmail: "system",
            action: "api_key.revoked_from_env",
            targetType: "api_key",
            targetId: old.id,
            before: { prefix: old.prefix },
          },
        });
      }
      const existing = await tx.apiKey.findUnique({ where: { secretHash } });
      const scopes = [...API_SCOPES];
      if (existing) {
        const unchanged =
          !existing.revokedAt && existing.name === BOOTSTRAP_KEY_NAME && scopes.every((scope) => existing.scopes.includes(scope));
        if (unchanged) return { outcome: "exists" as const, prefix: existing.prefix };
        await tx.apiKey.update({ where: { id: existing.id }, data: { name: BOOTSTRAP_KEY_NAME, scopes, revokedAt: null } });
        await tx.auditLog.create({
          data: {
            actorEmail: "system",
            action: "api_key.reenabled_from_env",
            targetType: "api_key",
            targetId: existing.id,
            before: { name: existing.name, scopes: existing.scopes, revokedAt: existing.revokedAt },
            after: { name: BOOTSTRAP_KEY_NAME, scopes },
          },
        });
        return { outcome: "reenabled" as const, prefix: existing.prefix };
      }
      // Any string will do as a bootstrap secret, so its first characters may match another key's.
      let prefix = shownPrefix(options.secret);
      if (await tx.apiKey.findUnique({ where: { prefix }, select: { id: true } })) prefix = `${prefix}~${secretHash.slice(0, 6)}`;
      const key = await tx.apiKey.create({ data: { name: BOOTSTRAP_KEY_NAME, prefix, secretHash, scopes } });
      await tx.auditLog.create({
        data: {
          actorEmail: "system",
          action: "api_key.created_from_env",
          targetType: "api_key",
          targetId: key.id,
          after: { name: BOOTSTRAP_KEY_NAME, prefix, scopes },
        },
      });
      return { outcome: "created" as const, prefix };
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}
