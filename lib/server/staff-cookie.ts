import { createDecipheriv, hkdfSync } from "node:crypto";

// Signed-in staff skip the public response cache, so that they see their changes at once. Only a
// session token that really is one may do that: any cookie named like one used to, and a script
// sending `next-auth.session-token=x` made every request a full render.

const COOKIE_NAMES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

let derived: { secret: string; key: Buffer } | undefined;

/** next-auth's content-encryption key for its session JWTs (HKDF of NEXTAUTH_SECRET, as it makes it). */
function encryptionKey(secret: string): Buffer {
  if (derived?.secret !== secret) {
    derived = { secret, key: Buffer.from(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32)) };
  }
  return derived.key;
}

/** The session token in a Cookie header, whole or in next-auth's numbered chunks, or null. */
function sessionToken(cookieHeader: string): string | null {
  const cookies = new Map<string, string>();
  for (const part of cookieHeader.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  for (const name of COOKIE_NAMES) {
    const whole = cookies.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length > 0) return chunks.join("");
  }
  return null;
}

/**
 * Whether a request's cookies hold a session token this server issued that has not expired:
 * next-auth's JWE (`dir`, `A256GCM`) decrypted with NEXTAUTH_SECRET, synchronously and without
 * reading the database (a few microseconds), so it can sit on the cache's path. Whether the
 * session was since signed out is the app's business; here it only buys a fresh render.
 */
export function hasValidStaffSession(
  cookie: string | string[] | undefined,
  secret: string | undefined = process.env.NEXTAUTH_SECRET,
  nowSeconds: number = Date.now() / 1000,
): boolean {
  if (!cookie || !secret) return false;
  const token = sessionToken(Array.isArray(cookie) ? cookie.join(";") : cookie);
  if (!token) return false;
  const parts = token.split(".");
  if (parts.length !== 5) return false;
  const [header, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  try {
    const protectedHeader = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: unknown; enc?: unknown };
    if (protectedHeader.alg !== "dir" || protectedHeader.enc !== "A256GCM" || encryptedKey !== "") return false;
    const decipher = createDecipheriv("aes-256-gcm", encryptionKey(secret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(header, "ascii"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
    const claims = JSON.parse(plain.toString("utf8")) as { exp?: unknown };
    // next-auth itself allows 15 s of clock tolerance.
    return typeof claims.exp === "number" && claims.exp + 15 > nowSeconds;
  } catch {
    return false;
  }
}
