import { createHash, randomBytes } from "node:crypto";

/** How many recovery codes an account gets when it turns two-factor on. */
export const RECOVERY_CODE_COUNT = 10;

// Letters and digits that cannot be misread for one another (no 0/O, 1/l/I).
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** One code, `xxxxx-xxxxx` (about 49 bits): typed rarely, so it may be long. */
function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, newRecoveryCode);
}

/** What is stored of a code: its sha256, of the code as typed any way (case, spaces, dash). */
export function hashRecoveryCode(code: string): string {
  const normal = code.toLowerCase().replace(/[^a-z0-9]/g, "");
  return createHash("sha256").update(`recovery:${normal}`).digest("hex");
}

/** Whether text looks like a recovery code rather than a 6-digit TOTP code. */
export function looksLikeRecoveryCode(text: string): boolean {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "").length === 10;
}
