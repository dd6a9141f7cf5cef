import { createHash, createHmac, randomBytes } from "node:crypto";

// Links in messages carry random tokens; only their sha256 is stored, so a leaked database does
// not hand out working unsubscribe or manage links.

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A Standard Webhooks signing secret: `whsec_` and 24 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

function linkSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: subscription links are signed with it.");
  return secret;
}

/**
 * The token in a subscriber's manage and unsubscribe links. Derived from the id under the
 * server's secret, so every message can carry it; the database keeps only its hash, for lookup.
 */
export function manageToken(subscriberId: string): string {
  return createHmac("sha256", linkSecret()).update(`subscriber-manage:${subscriberId}`).digest("base64url");
}
