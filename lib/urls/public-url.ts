// Every absolute URL Upstate hands out (API `page.url` and `shortlink`, feeds, badge and embed
// links, canonical and Open Graph tags, sign-in callbacks) is built here, from the configured
// public URL only. The request's Host / X-Forwarded-Host is never consulted: behind a custom
// domain or a proxy it names an internal host, and trusting it is how malformed customer URLs
// (the reference postmortem's incident) happen.

export type PublicUrlSource = {
  /** Page settings' `publicUrl`; wins over the environment when set. */
  pagePublicUrl?: string | null;
  /** Defaults to process.env: `PUBLIC_URL`, else `http://localhost:$PORT`. */
  env?: Record<string, string | undefined>;
};

/** The public base URL without a trailing slash: `https://example.com/status`. */
export function resolvePublicBase(source: PublicUrlSource = {}): string {
  const env = source.env ?? process.env;
  const configured = source.pagePublicUrl?.trim() || env.PUBLIC_URL?.trim() || `http://localhost:${env.PORT || "3000"}`;
  const url = new URL(configured);
  // URL already drops a default port and lower-cases the host; a query or fragment has no place
  // in a base URL, and repeated or trailing slashes would double up when a path is appended.
  const basePath = url.pathname.replace(/\/{2,}/g, "/").replace(/\/+$/, "");
  return `${url.protocol}//${url.host}${basePath}`;
}

/**
 * The absolute public URL of `path` (which may carry a query string): `publicUrl({ path:
 * "/incidents/abc" })`. An empty path gives the base itself, as Statuspage's `page.url` reads.
 */
export function publicUrl(options: PublicUrlSource & { path?: string }): string {
  const base = resolvePublicBase(options);
  const path = options.path ?? "";
  if (!path) return base;
  const queryStart = path.search(/[?#]/);
  const pathname = queryStart === -1 ? path : path.slice(0, queryStart);
  const rest = queryStart === -1 ? "" : path.slice(queryStart);
  const cleaned = `/${pathname.replace(/^\/+/, "")}`.replace(/\/{2,}/g, "/");
  return `${base}${cleaned}${rest}`;
}
