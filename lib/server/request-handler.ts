import type { IncomingMessage, ServerResponse } from "node:http";
import { STALE_CACHE_CONTROL } from "../cache/cache-control.ts";
import { matchesIfNoneMatch } from "../cache/etag.ts";
import { cacheKeyFor, hasEmptySegment, isApiPath, withoutEmptySegments } from "./cache-policy.ts";
import {
  chooseEncoding,
  chooseVariant,
  type Entry,
  type ResponseCache,
  type Upstream,
  variantFor,
  wholeBodyHeaders,
} from "./response-cache.ts";
import { hasValidStaffSession } from "./staff-cookie.ts";

export type RequestHandlerOptions = {
  cache: ResponseCache;
  /** The path the app is built to serve under (`/status`), "" at the host's root. */
  basePath: string;
  /** Renders a public path, whole (a GET to the internal Next server). */
  render: (key: string) => Promise<Upstream>;
  /** Passes a request through to the app, streaming; resolves when the response has been sent. */
  pass: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /**
   * Answers the write API (/api/v1, api-handler.ts), keyless requests included: they cost no
   * render (a 401 before any read), so they never wait in, or are shed with, the render queue.
   */
  api: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
};

/**
 * The front server's answer to a request: public GETs from the response cache (rendering what is
 * missing through the cache's render queue, and refusing with a fast 503 when that queue is full),
 * the write API by its own handler, everything else passed to the app. Anonymous requests the cache does not keep (unknown paths,
 * client navigations) are rendered through the same queue, so that no flood of them starves the
 * cores that answer cache hits; staff and static assets go straight through.
 */
export function createRequestHandler(options: RequestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { cache, basePath, render } = options;
  const refresh = (key: string) => () => render(key);

  return function handleRequest(req, res) {
    // The crowd's path, kept short: an anonymous GET of a fresh page cached under its exact URL.
    // Its headers are read from the raw list: `req.headers` would build an object per request.
    if (req.method === "GET" && isPlainRequest(req.rawHeaders)) {
      const hit = cache.get(req.url ?? "");
      if (hit && cache.isFresh(hit)) {
        const variant = variantFor(hit, chooseEncoding(plainAcceptEncoding));
        res.writeHead(hit.status, variant.hitHeaders);
        res.end(variant.body);
        return;
      }
    }
    if (isApiPath(req.url, basePath)) {
      void options.api(req, res);
      return;
    }
    if ((req.method === "GET" || req.method === "HEAD") && hasEmptySegment(req.url ?? "/")) {
      // `//history` is not the home page: send the visitor to the path they meant.
      res.writeHead(308, { location: withoutEmptySegments(req.url ?? "/"), "cache-control": "no-store" });
      res.end();
      return;
    }
    const key = cacheKeyFor(req, basePath);
    if (!key) {
      passThrough(req, res);
      return;
    }
    const entry = cache.get(key);
    if (entry && cache.mayWaitForChange(key, entry)) {
      // A change came moments ago: whoever reloads now expects to see it. Wait (briefly, and
      // sharing one render with everyone else asking) for the new copy.
      void cache.waitForChange(key, entry, refresh(key)).then((upstream) => {
        const stored = cache.get(key);
        if (stored) {
          send(req, res, stored, stored.invalidated ? "STALE" : "MISS");
          if (!cache.isFresh(stored)) cache.refreshInBackground(key, refresh(key));
        } else if (upstream && upstream !== "late") sendUpstream(req, res, upstream);
        else unavailable(req, res);
      });
      return;
    }
    if (entry) {
      // The last good copy, even when a change or age has made it stale: a visitor never waits
      // long for a re-render, which starts now in the background.
      send(req, res, entry, entry.invalidated ? "STALE" : "HIT");
      if (!cache.isFresh(entry)) cache.refreshInBackground(key, refresh(key));
      return;
    }
    if (!cache.isRendering(key) && cache.queue.isFull()) {
      shed(req, res);
      return;
    }
    void cache.refresh(key, refresh(key)).then((upstream) => {
      const stored = cache.get(key);
      if (stored) send(req, res, stored, "MISS");
      else if (upstream) sendUpstream(req, res, upstream);
      else unavailable(req, res);
    });
  };

  function passThrough(req: IncomingMessage, res: ServerResponse) {
    const url = req.url ?? "";
    const anonymousRender =
      (req.method === "GET" || req.method === "HEAD") &&
      !hasValidStaffSession(req.headers.cookie) &&
      !url.startsWith(`${basePath}/_next/`);
    if (!anonymousRender) {
      void options.pass(req, res);
      return;
    }
    if (cache.queue.isFull()) {
      shed(req, res);
      return;
    }
    void cache.queue.run(() => options.pass(req, res));
  }
}

/** The Accept-Encoding of the request `isPlainRequest` last read (undefined when it had none). */
let plainAcceptEncoding: string | undefined;

/**
 * Whether a request (its raw header list) may take the fast path: no cookie (signed-in staff),
 * no RSC navigation, no conditional request. Notes its Accept-Encoding on the way, without
 * allocating: a name is lower-cased only when its length is that of one looked for.
 */
export function isPlainRequest(rawHeaders: string[]): boolean {
  plainAcceptEncoding = undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    switch (name.length) {
      case 3:
        if (name.toLowerCase() === "rsc") return false;
        break;
      case 6:
        if (name.toLowerCase() === "cookie") return false;
        break;
      case 13:
        if (name.toLowerCase() === "if-none-match") return false;
        break;
      case 15:
        if (name.toLowerCase() === "accept-encoding") {
          const value = rawHeaders[i + 1]!;
          plainAcceptEncoding = plainAcceptEncoding === undefined ? value : `${plainAcceptEncoding}, ${value}`;
        }
        break;
    }
  }
  return true;
}

function send(req: IncomingMessage, res: ServerResponse, entry: Entry, state: "HIT" | "MISS" | "STALE") {
  const { variant } = chooseVariant(entry, req.headers["accept-encoding"]);
  const headers: Record<string, string | number> = { ...variant.hitHeaders, "x-upstate-cache": state };
  if (state === "STALE") headers["cache-control"] = STALE_CACHE_CONTROL;
  if (matchesIfNoneMatch(req.headers["if-none-match"], variant.etag)) {
    delete headers["content-length"];
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(entry.status, headers);
  res.end(req.method === "HEAD" ? undefined : variant.body);
}

function sendUpstream(req: IncomingMessage, res: ServerResponse, upstream: Upstream) {
  if (upstream.status >= 500) {
    unavailable(req, res);
    return;
  }
  // The renderer's own headers, its Cache-Control included (the API's 404 is `no-store`).
  res.writeHead(upstream.status, wholeBodyHeaders(upstream));
  res.end(req.method === "HEAD" ? undefined : upstream.body);
}

/** A public page that could not be rendered and was never cached: say so plainly. */
function unavailable(req: IncomingMessage, res: ServerResponse) {
  res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "5", "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : "The status page is temporarily unavailable. Please retry in a few seconds.");
}

/** Too many renders waiting: refuse at once rather than queue without end. */
function shed(req: IncomingMessage, res: ServerResponse) {
  res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "2", "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : "The server is busy. Please retry in a few seconds.");
}
