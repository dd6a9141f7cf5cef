/**
 * Why a public URL is not usable, or null when it is: http(s), may carry a path, no query or
 * fragment. One rule for PUBLIC_URL (lib/config.ts) and the page settings; kept free of imports so
 * that the app's bundles can load it (lib/config.ts cannot be).
 */
export function publicUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a URL such as https://status.example.com or https://example.com/status.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "The URL must start with http:// or https://.";
  if (url.search || url.hash) return "The URL must not have a query string or fragment.";
  return null;
}
