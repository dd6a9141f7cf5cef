const MAX_LENGTH = 2048;

/** Characters browsers and URL parsers read differently: controls and backslashes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is what is refused
const AMBIGUOUS = /[\u0000-\u001f\u007f\\]/;

/**
 * Whether next-auth may be handed a `callbackUrl` at all: a path, or an http(s) URL, short and
 * plain. Others (`javascript:`, text that is no URL) made it answer 500. An http(s) URL of another
 * site passes here and is sent home by the redirect callback (`sameSiteRedirect`), as staff who
 * opened the admin under another host name than NEXTAUTH_URL's must still be able to sign in.
 */
export function isAcceptableCallbackUrl(value: unknown): boolean {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH || AMBIGUOUS.test(value)) return false;
  if (value.startsWith("/")) return true;
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Whether a sign-in or sign-out `callbackUrl` may be followed: a path on this site (not `//host`,
 * which browsers read as another host, nor `/\host`), or an absolute http(s) URL with this site's
 * origin (next-auth's browser helpers send the current page's). Anything else, including what
 * `URL` cannot parse, is refused.
 */
export function isSafeCallbackUrl(value: unknown, siteOrigin: string): boolean {
  if (!isAcceptableCallbackUrl(value) || typeof value !== "string") return false;
  if (value.startsWith("/")) return !value.startsWith("//");
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === siteOrigin;
  } catch {
    return false;
  }
}

/**
 * next-auth's redirect callback: where to go after signing in or out. Never throws (next-auth
 * would answer 500), and never leaves the site.
 */
export function sameSiteRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  let origin: string;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    return "/";
  }
  if (!isSafeCallbackUrl(url, origin)) return baseUrl;
  return url.startsWith("/") ? `${origin}${url}` : url;
}

/** Where the sign-in page sends staff back to when nothing (or nothing acceptable) was asked for. */
export const DEFAULT_ADMIN_PATH = "/admin";

/**
 * The admin page a sign-in should come back to: a path on this site under `/admin` (not the
 * sign-in page itself), normalised as a browser would read it (`/admin/../x` is `/x`, refused).
 * Anything else, `//host`, `/\host`, absolute URLs, encoded slashes that leave `/admin` and
 * control characters included, gives `/admin`: the sign-in page must not be an open redirect.
 */
export function adminCallbackPath(value: unknown): string {
  if (!isAcceptableCallbackUrl(value) || typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) {
    return DEFAULT_ADMIN_PATH;
  }
  const origin = "http://upstate.invalid";
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return DEFAULT_ADMIN_PATH;
  }
  const { pathname } = url;
  const underAdmin = pathname === "/admin" || pathname.startsWith("/admin/");
  const signInItself = pathname === "/admin/sign-in" || pathname.startsWith("/admin/sign-in/");
  if (url.origin !== origin || !underAdmin || signInItself) return DEFAULT_ADMIN_PATH;
  return `${pathname}${url.search}${url.hash}`;
}
