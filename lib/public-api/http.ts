import { PUBLIC_CACHE_CONTROL } from "../cache/cache-control.ts";
import { entityTag, matchesIfNoneMatch } from "../cache/etag.ts";
import { failureLog } from "../log/failure-log.ts";

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

export { entityTag, matchesIfNoneMatch } from "../cache/etag.ts";

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
      // Once, then a count a minute: during an outage every request fails the same way.
      failureLog.report(`public ${new URL(request.url).pathname}`, error);
      return apiError(503, "The status data is unavailable right now; try again shortly.");
    }
  };
  return { GET: handle, HEAD: handle, OPTIONS: preflightResponse };
}
