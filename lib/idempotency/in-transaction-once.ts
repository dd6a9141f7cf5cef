import { createHash } from "node:crypto";
import { type Db, type DbOrTx, inTransaction } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { ConflictError, InvalidError } from "../errors.ts";

/**
 * A client's promise that a request is one request, however often it is sent: a staff form's
 * hidden token, or the write API's `Idempotency-Key` header. `scope` says whose keys these are
 * (`user:<id>`, later `api-key:<id>`), so one client can neither replay nor block another's.
 */
export type IdempotencyKey = { scope: string; key: string };

/** Keys older than this are purged; a retry that late is a new request. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000;

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,200}$/;

/** The key a client sent, for `scope`; none when it sent none; a clear refusal when it is malformed. */
export function readIdempotencyKey(scope: string, raw: string | null | undefined): IdempotencyKey | undefined {
  const key = raw?.trim();
  if (!key) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new InvalidError("The idempotency key must be 8 to 200 letters, digits or . _ : -; reload the page and try again.");
  }
  return { scope, key };
}

/** An API key's own idempotency keys (the write API's `Idempotency-Key` header). */
export function apiKeyScope(actor: { id: string }): string {
  return `api-key:${actor.id}`;
}

/** The staff member's own keys. */
export function staffScope(actor: { id: string }): string {
  return `user:${actor.id}`;
}

/**
 * Runs a write in one transaction, once per idempotency key. The key is claimed in the write's own
 * transaction, so the write and its key commit (or roll back) together. A retry with the same key
 * gets the first result back instead of writing again; a retry sent while the first is still
 * running waits for it (the claim blocks on the first's uncommitted row), then gets its result.
 * A key reused for a different operation or input is refused. Without a key, this is
 * `inTransaction`.
 */
export async function inTransactionOnce<T extends Prisma.InputJsonValue>(
  db: Db,
  options: { idempotency?: IdempotencyKey; operation: string; input: unknown },
  work: (tx: DbOrTx) => Promise<T>,
): Promise<T> {
  const { idempotency } = options;
  if (!idempotency) return inTransaction(db, work);
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([options.operation, options.input]))
    .digest("hex");
  const result = await inTransaction(db, async (tx) => {
    const claimed = await tx.$executeRaw`
      INSERT INTO "IdempotencyKey" (scope, key, fingerprint, "createdAt")
      VALUES (${idempotency.scope}, ${idempotency.key}, ${fingerprint}, now())
      ON CONFLICT (scope, key) DO NOTHING`;
    if (claimed === 0) {
      const first = await tx.idempotencyKey.findUniqueOrThrow({ where: { scope_key: idempotency } });
      if (first.fingerprint !== fingerprint) {
        throw new ConflictError(
          "This was already submitted once, with different content. Reload the page to see what was saved; to save something new, use a fresh form.",
        );
      }
      return first.result as T;
    }
    const value = await work(tx);
    await tx.idempotencyKey.update({ where: { scope_key: idempotency }, data: { result: value } });
    return value;
  });
  // Best effort, after the commit: a failed purge only leaves old keys for the next one.
  void purgeIdempotencyKeys(db).catch(() => {});
  return result;
}

/** Forgets keys older than a day. */
export async function purgeIdempotencyKeys(db: DbOrTx, now = new Date()): Promise<number> {
  const { count } = await db.idempotencyKey.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS) } },
  });
  return count;
}
