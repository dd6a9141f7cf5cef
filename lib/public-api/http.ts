import { createHash } from "node:crypto";
import { PUBLIC_CACHE_CONTROL } from "../cache/cache-control.ts";

// HTTP behaviour shared by every public, unauthenticated response (API, feeds, badge, embed).
// The in-memory response cache in lib/server/ stores these responses with their headers and
// answers hits itself; the short s-maxage lets a CDN in front do the same, and stale-if-error
// keeps a CDN serving the last copy while the origin is down.

export { PUBLIC_CACHE_CONTROL } from "../cache/cache-control.ts";

export const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, OPTIONS",
  "access-control-allow-headers": "If-None-Match, Content-Type",
  "access-control-expose-headers": "ETag",
  "access-control-max-age": "86400",
};

export function entityTag(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** True when the request's If-None-Match names this entity (weak comparison, as RFC 9110 asks). */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}

/** A cacheable public response, or `304 Not Modified` when the client already has this body. */
export function publicResponse(request: Request, options: { body: string; contentType: string; status?: number }): Response {
  const etag = entityTag(options.body);
  const headers = new Headers({ ...CORS_HEADERS, "cache-control": PUBLIC_CACHE_CONTROL, etag });
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  headers.set("content-type", options.contentType);
  return new Response(request.method === "HEAD" ? null : options.body, { status: options.status ?? 200, headers });
}

/** The answer to a CORS preflight. */
export function preflightResponse(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

/** A JSON error body for the API, never a stack trace or an internal message. */
export function apiError(status: 404 | 405 | 500 | 503, message: string): Response {
  return new Response(JSON.stringify({ error: { status, message } }), {
    status,
    headers: { ...CORS_HEADERS, "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}

/** Wraps a body builder as GET/HEAD/OPTIONS handlers of a public route. */
export function publicRoute(build: () => Promise<{ body: string; contentType: string }>) {
  const handle = async (request: Request): Promise<Response> => {
    try {
      return publicResponse(request, await build());
    } catch (error) {
      console.error(`Public ${new URL(request.url).pathname} failed`, error);
      return apiError(503, "The status data is unavailable right now; try again shortly.");
    }
  };
  return { GET: handle, HEAD: handle, OPTIONS: preflightResponse };
}
