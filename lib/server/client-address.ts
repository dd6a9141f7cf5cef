import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

/**
 * The header in which the outer server tells Next.js who the client is (read by
 * lib/auth/client-ip.ts). Whatever a request brings under this name is thrown away first.
 */
export const CLIENT_ADDRESS_HEADER = "x-upstate-client-address";

/**
 * UPSTATE_TRUSTED_PROXIES: how many reverse proxies stand in front of Upstate. Each appends (or
 * sets) the address it saw to X-Forwarded-For, so the client is that many hops back from the
 * socket's peer. 0 (no proxy) trusts nothing in the header, which anyone can write.
 */
export function trustedProxyCount(env: Record<string, string | undefined> = process.env): number {
  const count = Number(env.UPSTATE_TRUSTED_PROXIES ?? 0);
  return Number.isInteger(count) && count > 0 ? Math.min(count, 10) : 0;
}

/**
 * The client's address: the socket's peer, or with `trustedProxies` proxies in front, the entry
 * of X-Forwarded-For the farthest trusted proxy added. When the chain is shorter than configured
 * (a request that bypassed a proxy), its first entry is the best there is.
 */
export function clientAddressOf(options: {
  peer: string | undefined;
  forwardedFor: string | string[] | undefined;
  trustedProxies: number;
}): string {
  const peer = normalize(options.peer ?? "");
  if (options.trustedProxies === 0) return peer || "unknown";
  const raw = Array.isArray(options.forwardedFor) ? options.forwardedFor.join(",") : (options.forwardedFor ?? "");
  const chain = [
    ...raw
      .split(",")
      .map((entry) => normalize(entry.trim()))
      .filter(Boolean),
    peer,
  ];
  return chain[Math.max(0, chain.length - 1 - options.trustedProxies)] || "unknown";
}

/** `::ffff:10.0.0.1` (IPv4 on an IPv6 socket) is 10.0.0.1; anything else is kept, bounded. */
function normalize(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1").slice(0, 64);
}

// Proves to the internal Next server that the client address came from this process's own proxy,
// not from another local program connecting to the internal port.
const PROOF_HEADER = "x-upstate-proxy-proof";
const proof = randomBytes(16).toString("hex");

let warnedAboutProxy = false;

function addressOf(req: IncomingMessage): string {
  const trustedProxies = trustedProxyCount();
  const forwardedFor = req.headers["x-forwarded-for"];
  // Only sign-in attempts: Next.js itself sends X-Forwarded-For when it fetches a page from this
  // server (after an action's redirect), which says nothing about a proxy.
  if (trustedProxies === 0 && forwardedFor && !warnedAboutProxy && req.url?.includes("/api/auth/callback/")) {
    warnedAboutProxy = true;
    console.warn(
      "A request came with X-Forwarded-For, which Upstate ignores while UPSTATE_TRUSTED_PROXIES=0. Behind a reverse proxy, set UPSTATE_TRUSTED_PROXIES to the number of proxies, or sign-in throttling treats every visitor as the proxy.",
    );
  }
  return clientAddressOf({ peer: req.socket.remoteAddress, forwardedFor, trustedProxies });
}

/** The headers to pass a request on to the internal Next server with: the client address set, with its proof. */
export function withClientAddress(req: IncomingMessage, headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return { ...headers, [CLIENT_ADDRESS_HEADER]: addressOf(req), [PROOF_HEADER]: proof };
}

/**
 * At the door of the Next server: keeps the client address only when this process's proxy set it
 * (the internal server), or sets it from the socket (the development server, which faces clients
 * directly). Any copy sent from outside is dropped either way.
 */
export function admitClientAddress(req: IncomingMessage, options: { behindOwnProxy: boolean }): void {
  const proven = options.behindOwnProxy && req.headers[PROOF_HEADER] === proof;
  const address = proven ? req.headers[CLIENT_ADDRESS_HEADER] : options.behindOwnProxy ? undefined : addressOf(req);
  delete req.headers[PROOF_HEADER];
  delete req.headers[CLIENT_ADDRESS_HEADER];
  if (typeof address === "string") req.headers[CLIENT_ADDRESS_HEADER] = address;
}
