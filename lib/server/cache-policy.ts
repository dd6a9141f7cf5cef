import type { PublicChange } from "../cache/public-change.ts";
import { hasValidStaffSession } from "./staff-cookie.ts";

// Which requests the public response cache answers, under which key, and which keys a change
// makes stale. Pure functions, tested without a server.

/** Public paths and the query parameters that change their content (others are ignored). */
const CACHEABLE: { pattern: RegExp; params: string[] }[] = [
  { pattern: /^\/$/, params: [] },
  { pattern: /^\/history$/, params: ["page", "component"] },
  { pattern: /^\/incidents\/[A-Za-z0-9]{1,40}$/, params: [] },
  { pattern: /^\/api\/v2\/[a-z\-/]+\.json$/, params: [] },
  { pattern: /^\/history\.(atom|rss)$/, params: [] },
  { pattern: /^\/(badge\.svg|embed\.js)$/, params: [] },
];

export type RequestLike = { method?: string; url?: string; headers: Record<string, string | string[] | undefined> };

/**
 * The cache key of a request, or null when it must go to the app: not GET/HEAD, a signed-in
 * staff member, a client-side navigation (RSC) request, or a path that is not public. Under a
 * base path (`/status`) the public paths are those below it, and keys keep it: a key is the path
 * the app renders, so the cache can fetch it and the fast path can find it by the request's URL.
 */
export function cacheKeyFor(req: RequestLike, basePath = ""): string | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  if (hasValidStaffSession(req.headers.cookie)) return null;
  if (req.headers.rsc || req.headers["next-router-prefetch"] || req.headers["next-action"]) return null;
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://cache.local");
  } catch {
    return null;
  }
  if (url.searchParams.has("_rsc")) return null;
  const inApp = appPath(url.pathname, basePath);
  if (inApp === null) return null;
  const rule = CACHEABLE.find((r) => r.pattern.test(inApp));
  if (!rule) return null;
  const kept = rule.params
    .filter((p) => url.searchParams.get(p))
    .map((p) => `${p}=${encodeURIComponent(url.searchParams.get(p)!)}`)
    .join("&");
  return kept ? `${url.pathname}?${kept}` : url.pathname;
}

/** The path within the app (`/history`) of a request path under the base path, or null outside it. */
function appPath(pathname: string, basePath: string): string | null {
  if (!basePath) return pathname;
  // Next serves the base path's home without a trailing slash (`/status`) and redirects `/status/`.
  if (pathname === basePath) return "/";
  return pathname.startsWith(`${basePath}/`) && pathname !== `${basePath}/` ? pathname.slice(basePath.length) : null;
}

// An incident page's key, under any base path; API keys end in `.json`, so never match.
const INCIDENT_KEY = /\/incidents\/([A-Za-z0-9]{1,40})$/;

/** Whether a key is an incident's page, which only changes with that incident. */
export function isIncidentKey(key: string): boolean {
  return INCIDENT_KEY.test(key);
}

/** Whether a change makes the response cached under `key` stale. */
export function isAffected(key: string, change: PublicChange): boolean {
  if (change.all) return true;
  const incident = INCIDENT_KEY.exec(key);
  if (!incident) return true; // status page, history, API, feeds and badge show every incident
  return change.incidentIds?.includes(incident[1]!) ?? false;
}
