import { createHash, randomBytes } from "node:crypto";

/** Every generated key starts so: easy to spot in a config file or a secret scanner. */
export const API_KEY_PREFIX = "ups_";
/** How much of a key the admin shows ("ups_1a2b3c4d"). */
export const SHOWN_PREFIX_LENGTH = 12;

/** A new key: `ups_` and 48 random hex characters (192 bits). */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(24).toString("hex");
}

/** What is stored and looked up: SHA-256 (hex) of the whole key. A fast hash suffices for 192 random bits. */
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function shownPrefix(secret: string): string {
  return secret.slice(0, SHOWN_PREFIX_LENGTH);
}
