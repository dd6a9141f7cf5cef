import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { finished } from "node:stream/promises";
import { withClientAddress } from "./client-address.ts";
import type { Upstream } from "./response-cache.ts";

// The two ways the front server reaches the Next.js server behind it on an internal port.

/** GETs a path from the internal Next server, whole. */
export function fetchInternal(port: number, path: string): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, path, method: "GET", headers: { "accept-encoding": "identity", "x-forwarded-proto": "http" } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
          }
          resolve({ status: response.statusCode ?? 500, headers, body: Buffer.concat(chunks) });
        });
        response.on("error", reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error("render timed out")));
    request.on("error", reject);
    request.end();
  });
}

/**
 * Passes a request through to the internal Next server, streaming both ways; resolves when the
 * response is over (sent, or the visitor went away).
 */
export function proxy(req: IncomingMessage, res: ServerResponse, port: number): Promise<void> {
  // A request that waited in the render queue may have been given up by its visitor meanwhile:
  // nothing to pass on, and no "close" to wait for (it has been and gone).
  if (req.destroyed || res.destroyed || res.writableEnded) return Promise.resolve();
  const done = finished(res).catch(() => {});
  const remote = req.socket.remoteAddress ?? "";
  const forwardedFor = req.headers["x-forwarded-for"];
  const headers = withClientAddress(req, {
    ...req.headers,
    "x-forwarded-for": forwardedFor ? `${forwardedFor}, ${remote}` : remote,
    "x-forwarded-host": req.headers["x-forwarded-host"] ?? req.headers.host ?? "",
    "x-forwarded-proto": req.headers["x-forwarded-proto"] ?? "http",
  });
  const upstream = http.request({ host: "127.0.0.1", port, path: req.url, method: req.method, headers }, (response) => {
    res.writeHead(response.statusCode ?? 502, isPrivatePath(req.url) ? neverStored(response.rawHeaders) : response.rawHeaders);
    response.pipe(res);
  });
  // A visitor gone mid-way must not leave the app rendering for nobody (and hold a render slot).
  res.once("close", () => upstream.destroy());
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
    res.end("Bad gateway");
  });
  req.pipe(upstream);
  return done;
}

// The admin, sign-in, the management API and a subscriber's own pages (their links carry a
// token): no cache, shared or not, may keep them, whatever the app said.
const PRIVATE_PATH = /^(\/[^/?]+)?\/(admin|api\/auth|api\/v1|subscriptions)(\/|\?|$)/;

/** Whether a passed-through request's path is one no cache may keep (under a base path too). */
export function isPrivatePath(url: string | undefined): boolean {
  return PRIVATE_PATH.test(url ?? "");
}

/** Raw response headers with their Cache-Control replaced by `private, no-store`. */
function neverStored(rawHeaders: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() !== "cache-control") kept.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  kept.push("Cache-Control", "private, no-store");
  return kept;
}
