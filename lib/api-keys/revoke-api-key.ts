import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { forgetApiKeyUse } from "./authenticate-api-request.ts";
import { apiKeyIdSchema } from "./schemas.ts";

/**
 * Revokes a key for good: from the commit on, every request with it gets 401, and a write that
 * authenticated with it a moment before (or, a status write, with a lookup of it begun before the
 * commit: ApiRoute's keyRecheckedFor) is refused inside its transaction (lib/auth/policy.ts), 403.
 * Revoking a revoked key changes nothing. Returns whether this call revoked it.
 */
export async function revokeApiKey(options: { db: Db; actor: Actor; input: { apiKeyId: string } }): Promise<boolean> {
  assertCan(options.actor, "apiKey.manage");
  const { apiKeyId } = parseInput(apiKeyIdSchema, options.input);
  const revoked = await inTransaction(options.db, async (tx) => {
    const actor = await authorize(tx, options.actor, "apiKey.manage");
    const [key] = await tx.$queryRaw<{ name: string; prefix: string; revokedAt: Date | null }[]>`
      SELECT name, prefix, "revokedAt" FROM "ApiKey" WHERE id = ${apiKeyId} FOR UPDATE`;
    if (!key) throw new NotFoundError("This API key no longer exists.");
    if (key.revokedAt) return false;
    await tx.apiKey.update({ where: { id: apiKeyId }, data: { revokedAt: new Date() } });
    await writeAudit(tx, {
      actor,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: apiKeyId,
      before: { name: key.name, prefix: key.prefix },
    });
    return true;
  });
  forgetApiKeyUse(apiKeyId);
  return revoked;
}
