import { createHash, createHmac, randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/client.ts";

// Tokens in links are HMACs under the installation's link key, so the worker that mails a link
// can make it again and no token is ever stored: the database keeps only each token's sha256, for
// looking it up (and the job queue only the subscriber's id).

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A Standard Webhooks signing secret: `whsec_` and 24 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** The installation's key for subscription links, made on first use. */
export async function linkSecret(db: DbOrTx): Promise<string> {
  await db.$executeRaw`
    INSERT INTO "SubscriptionLinkSecret" (id, secret) VALUES (1, ${randomBytes(32).toString("base64url")})
    ON CONFLICT (id) DO NOTHING`;
  const row = await db.subscriptionLinkSecret.findUniqueOrThrow({ where: { id: 1 } });
  return row.secret;
}

/**
 * The token in an address's confirmation link, for the request made at `sentAt`: a newer request
 * makes a new token (and stores its hash), so an older link stops working.
 */
export function confirmToken(secret: string, address: string, sentAt: Date): string {
  return createHmac("sha256", secret).update(`subscriber-confirm:${address}:${sentAt.getTime()}`).digest("base64url");
}

/**
 * The token in a subscriber's manage and unsubscribe links. Derived from the id under the
 * installation's link key, so every message can carry it; the database keeps only its hash.
 */
export function manageToken(secret: string, subscriberId: string): string {
  return createHmac("sha256", secret).update(`subscriber-manage:${subscriberId}`).digest("base64url");
}
