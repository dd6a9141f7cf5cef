import { writeAudit } from "../audit/write-audit.ts";
import { type Actor, type ApiScope, staffIdOf } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { type CreateApiKeyInput, createApiKeySchema } from "./schemas.ts";
import { generateApiKey, hashApiKey, shownPrefix } from "./secret.ts";

export type CreatedApiKey = { id: string; name: string; prefix: string; scopes: ApiScope[]; secret: string };

/**
 * A new API key. The returned `secret` exists only here: the database keeps its hash, so the
 * admin shows it once and nobody can see it again.
 */
export async function createApiKey(options: { db: Db; actor: Actor; input: CreateApiKeyInput }): Promise<CreatedApiKey> {
  assertCan(options.actor, "apiKey.manage");
  const input = parseInput(createApiKeySchema, options.input);
  return inTransaction(options.db, async (tx) => {
    const actor = await authorize(tx, options.actor, "apiKey.manage");
    // The shown prefix is unique; its 32 random bits rarely repeat, and then a new key is drawn.
    let secret = generateApiKey();
    while (await tx.apiKey.findUnique({ where: { prefix: shownPrefix(secret) }, select: { id: true } }))
      secret = generateApiKey();
    const key = await tx.apiKey.create({
      data: {
        name: input.name,
        prefix: shownPrefix(secret),
        secretHash: hashApiKey(secret),
        scopes: input.scopes,
        createdById: staffIdOf(actor),
      },
    });
    await writeAudit(tx, {
      actor,
      action: "api_key.created",
      targetType: "api_key",
      targetId: key.id,
      after: { name: key.name, prefix: key.prefix, scopes: key.scopes },
    });
    return { id: key.id, name: key.name, prefix: key.prefix, scopes: input.scopes, secret };
  });
}
