/**
 * The address a sign-in came from, for per-IP rate limiting. Next.js puts the connection's peer
 * in X-Forwarded-For when the request has none, and a reverse proxy appends the address it saw:
 * the last entry is the one added by the nearest hop, which a client cannot choose when a proxy
 * sits in front. `trustedProxies` more hops are skipped when several proxies are chained.
 */
export function clientIp(headers: Record<string, string | string[] | undefined>, trustedProxies = 0): string {
  const raw = headers["x-forwarded-for"];
  const list = (Array.isArray(raw) ? raw.join(",") : (raw ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chosen = list[Math.max(0, list.length - 1 - trustedProxies)];
  return chosen?.slice(0, 64) || "unknown";
}
