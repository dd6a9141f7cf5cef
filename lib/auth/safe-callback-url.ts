const MAX_LENGTH = 2048;

/**
 * Whether a sign-in or sign-out `callbackUrl` may be followed: a path on this site (not `//host`,
 * which browsers read as another host, nor `/\host`), or an absolute http(s) URL with this site's
 * origin (next-auth's browser helpers send the current page's). Anything else, including what
 * `URL` cannot parse, is refused here rather than left to next-auth, which answers some of it
 * with a 500.
 */
export function isSafeCallbackUrl(value: unknown, siteOrigin: string): boolean {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return false;
  // Control characters and backslashes are read differently by browsers and URL parsers.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return false;
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
