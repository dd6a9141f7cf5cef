import { CLIENT_ADDRESS_HEADER } from "../server/client-address.ts";

/**
 * The address a sign-in came from, for throttling. Upstate's own server works it out once, from
 * the connection and UPSTATE_TRUSTED_PROXIES (lib/server/client-address.ts), and passes it in a
 * header it strips from incoming requests; X-Forwarded-For is never read here, since anyone can
 * write it.
 */
export function clientIp(headers: Record<string, string | string[] | undefined>): string {
  const raw = headers[CLIENT_ADDRESS_HEADER];
  const address = Array.isArray(raw) ? raw[0] : raw;
  return address?.trim().slice(0, 64) || "unknown";
}
