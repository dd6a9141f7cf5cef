import { createHash } from "node:crypto";

// The one definition of a public response's entity tag and of `If-None-Match`, used by the API's
// route handlers (lib/public-api/http.ts) and by the response cache in lib/server/, so that a
// tag one of them gave is recognised by the other.

/** A strong tag from the body's SHA-256; `suffix` tells encodings of one body apart (`-gz`). */
export function entityTag(body: string | Buffer, suffix = ""): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}${suffix}"`;
}

/** True when the request's If-None-Match names this entity (weak comparison, as RFC 9110 asks). */
export function matchesIfNoneMatch(header: string | string[] | null | undefined, etag: string): boolean {
  const text = Array.isArray(header) ? header.join(",") : header;
  if (!text) return false;
  if (text.trim() === "*") return true;
  return text.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}
