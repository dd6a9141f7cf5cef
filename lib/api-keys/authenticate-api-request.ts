import { type ApiKeyActor, isApiScope } from "../auth/actor.ts";
import type { DbOrTx } from "../db/client.ts";
import { sharedRead } from "../db/shared-read.ts";
import { RateLimitedError, UnauthorizedError } from "../errors.ts";
import type { HeaderReader } from "../http/api-request.ts";
import { DEFAULT_API_RATE_LIMIT, parseApiRateLimit } from "./rate-limit.ts";
import { hashApiKey } from "./secret.ts";

const LAST_USED_EVERY_MS = 60_000;

// Per process: each key's token bucket and when this process last wrote its lastUsedAt. Several
// processes each allow the limit; the limit is there to stop a runaway script, not to meter.
const buckets = new Map<string, { tokens: number; at: number }>();
const lastUsedWrites = new Map<string, number>();

/** Reads the key from `Authorization: OAuth <key>` (Statuspage's form) or `Authorization: Bearer <key>`. */
export function readApiKey(headers: HeaderReader): string | null {
  const match = /^\s*(?:OAuth|Bearer)\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/**
 * The API key a request carries, as an actor: 401 (UnauthorizedError) when there is none or it is
 * wrong or revoked, 429 (RateLimitedError) when the key made more than UPSTATE_API_RATE_LIMIT
 * requests in the last minute (a token bucket: bursts up to the limit, refilled evenly). Records
 * the key's last use at most once a minute. Scopes are decided later, by the write's `authorize`.
 * `rechecked`: the request's route re-reads the key inside its write's transaction for the body
 * it may send (ApiRoute's keyRecheckedFor), so the key's row may come from a read already under
 * way when the request came (a key revoked during that read is refused by the write, 403, rather
 * than here, 401); for any other body the route calls confirmApiKey once the body is read.
 */
export async function authenticateApiRequest(
  db: DbOrTx,
  headers: HeaderReader,
  options: { ratePerMinute?: number; now?: number; rechecked?: boolean } = {},
): Promise<ApiKeyActor> {
  const secret = readApiKey(headers);
  if (!secret) {
    throw new UnauthorizedError("Send an API key in the Authorization header: `OAuth <key>` or `Bearer <key>`.");
  }
  const secretHash = hashApiKey(secret);
  // Shared by this key's requests meanwhile (a script's burst), never older than the request
  // unless `rechecked`.
  const key = await lookUpKey(db, secretHash, options.rechecked === true);
  const now = options.now ?? Date.now();
  takeToken(
    key.id,
    options.ratePerMinute ?? parseApiRateLimit(process.env.UPSTATE_API_RATE_LIMIT) ?? DEFAULT_API_RATE_LIMIT,
    now,
  );
  await recordUse(db, key.id, now);
  return { kind: "apiKey", id: key.id, name: key.name, scopes: key.scopes.filter(isApiScope) };
}

const WRONG_KEY = "This API key is wrong or revoked.";

/** The key's row, read no earlier than the question unless `joinRunning`; 401 when it is wrong or revoked. */
async function lookUpKey(db: DbOrTx, secretHash: string, joinRunning: boolean) {
  const key = await sharedRead(
    db,
    `api-key:${secretHash}`,
    () => db.apiKey.findUnique({ where: { secretHash }, select: { id: true, name: true, scopes: true, revokedAt: true } }),
    { joinRunning },
  );
  if (!key || key.revokedAt) throw new UnauthorizedError(WRONG_KEY);
  return key;
}

/**
 * Looks the request's key up again, from a read begun after this call (the request was let in by
 * a lookup that may have begun before it came): 401 if it is wrong or revoked by now. Takes no
 * token of the rate limit, which the request already took.
 */
export async function confirmApiKey(db: DbOrTx, headers: HeaderReader): Promise<void> {
  const secret = readApiKey(headers);
  if (!secret) throw new UnauthorizedError(WRONG_KEY);
  await lookUpKey(db, hashApiKey(secret), false);
}

function takeToken(keyId: string, ratePerMinute: number, now: number): void {
  const perMs = ratePerMinute / 60_000;
  const bucket = buckets.get(keyId) ?? { tokens: ratePerMinute, at: now };
  bucket.tokens = Math.min(ratePerMinute, bucket.tokens + (now - bucket.at) * perMs);
  bucket.at = now;
  buckets.set(keyId, bucket);
  if (bucket.tokens < 1) {
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    throw new RateLimitedError(
      `This API key made more than ${ratePerMinute} requests in a minute; try again in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    );
  }
  bucket.tokens -= 1;
}

async function recordUse(db: DbOrTx, keyId: string, now: number): Promise<void> {
  const last = lastUsedWrites.get(keyId);
  if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
  lastUsedWrites.set(keyId, now);
  // Never on a revoked key (a lookup joined as it was being revoked): its last use stays as it was.
  await db.apiKey.updateMany({ where: { id: keyId, revokedAt: null }, data: { lastUsedAt: new Date(now) } });
}

/** Drops what this process remembers of a key (after revoking it, and between tests). */
export function forgetApiKeyUse(keyId: string): void {
  buckets.delete(keyId);
  lastUsedWrites.delete(keyId);
}
