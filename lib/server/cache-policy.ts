import type { PublicChange } from "../cache/public-change.ts";
import { incidentIdOfKey, isAffectedByTags } from "../edge/cache-tags.ts";
import { hasValidStaffSession } from "./staff-cookie.ts";

// Which requests the public response cache answers, under which key, and which keys a change
// makes stale. Pure functions, tested without a server.

/**
 * The pages every visitor and tool asks for, whose paths are fixed: kept in the cache whatever
 * else comes and goes, and re-rendered as soon as anything changes.
 */
const SUMMARY_PATHS = [
  "/",
  "/history",
  "/history.atom",
  "/history.rss",
  "/badge.svg",
  "/embed.js",
  ...[
    "summary",
    "status",
    "components",
    "incidents",
    "incidents/unresolved",
    "scheduled-maintenances",
    "scheduled-maintenances/upcoming",
    "scheduled-maintenances/active",
  ].map((endpoint) => `/api/v2/${endpoint}.json`),
];

/**
 * The query parameters that change a page, each with the values it can take; any other value or
 * parameter is dropped from the key, so that an attacker cannot make keys up by the thousand.
 * Values that are well-formed but name nothing (an unknown component, a page past the last) are
 * caught after rendering: the page declares its own key (see `declaredKey`).
 */
const HISTORY_PARAMS: { name: string; valid: (value: string) => boolean }[] = [
  { name: "page", valid: (value) => /^[1-9][0-9]{0,5}$/.test(value) && value !== "1" },
  { name: "component", valid: (value) => /^[A-Za-z0-9_-]{1,40}$/.test(value) },
];

/** Public paths with content of their own, beyond the summary pages. */
const INCIDENT_PATH = /^\/incidents\/[A-Za-z0-9]{1,40}$/;

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
  // `//history` is a URL with a host: its path would be `/`, and the home page would answer it.
  if (url.host !== "cache.local" || hasEmptySegment(req.url ?? "/")) return null;
  const inApp = appPath(url.pathname, basePath);
  if (inApp === null) return null;
  if (inApp === "/history") {
    const kept = HISTORY_PARAMS.filter(({ name, valid }) => valid(url.searchParams.get(name) ?? ""))
      .map(({ name }) => `${name}=${url.searchParams.get(name)}`)
      .join("&");
    return kept ? `${url.pathname}?${kept}` : url.pathname;
  }
  return SUMMARY_PATHS.includes(inApp) || INCIDENT_PATH.test(inApp) ? url.pathname : null;
}

/** Whether the path of a request URL has `//` in it (the query may). */
export function hasEmptySegment(requestUrl: string): boolean {
  return requestUrl.split("?", 1)[0]!.includes("//");
}

/** The request URL with every run of slashes in its path made one: where `//history` belongs. */
export function withoutEmptySegments(requestUrl: string): string {
  const query = requestUrl.indexOf("?");
  const pathname = query < 0 ? requestUrl : requestUrl.slice(0, query);
  return pathname.replace(/\/{2,}/g, "/") + (query < 0 ? "" : requestUrl.slice(query));
}

/** The summary pages' keys under a base path: kept in the cache through any flood. */
export function summaryKeys(basePath = ""): string[] {
  return SUMMARY_PATHS.map((p) => (p === "/" ? basePath || "/" : `${basePath}${p}`));
}

const DECLARED_KEY = /<meta name="upstate-cache-key" content="([^"]*)"/;

/**
 * The key a rendered page says it has (history pages declare theirs: the filter and page number
 * that really apply), or null when it declares none. A response whose declared key differs from
 * the key it was rendered for (an unknown component, a page past the last) is not cached.
 */
export function declaredKey(body: Buffer, contentType: string | undefined): string | null {
  if (!contentType?.startsWith("text/html")) return null;
  const match = DECLARED_KEY.exec(body.toString("utf8"));
  return match ? match[1]!.replaceAll("&amp;", "&") : null;
}

/** The path within the app (`/history`) of a request path under the base path, or null outside it. */
function appPath(pathname: string, basePath: string): string | null {
  if (!basePath) return pathname;
  // Next serves the base path's home without a trailing slash (`/status`) and redirects `/status/`.
  if (pathname === basePath) return "/";
  return pathname.startsWith(`${basePath}/`) && pathname !== `${basePath}/` ? pathname.slice(basePath.length) : null;
}

/** Whether a key is an incident's page, which only changes with that incident. */
export function isIncidentKey(key: string): boolean {
  return incidentIdOfKey(key) !== null;
}

/** Whether a change makes the response cached under `key` stale: decided by their cache tags. */
export function isAffected(key: string, change: PublicChange): boolean {
  return isAffectedByTags(key, change);
}

/** Whether a request's path is the write API's: `/api/v1` or below it, under the base path. */
export function isApiPath(url: string | undefined, basePath: string): boolean {
  const path = (url ?? "").split("?", 1)[0]!;
  const prefix = `${basePath}/api/v1`;
  return path === prefix || path.startsWith(`${prefix}/`);
}
