import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { cacheKeyFor, isIncidentKey } from "./cache-policy.ts";
import { listenForPublicChanges } from "./change-listener.ts";
import { hasMalformedPath } from "./malformed-path.ts";
import { chooseVariant, type Entry, ResponseCache, type Upstream, wholeBodyHeaders } from "./response-cache.ts";

export type RunningServer = { close: () => Promise<void>; cache: ResponseCache | null };

/**
 * Serves Upstate. In production, Next.js renders behind an internal port and this server answers
 * public GET requests from an in-memory cache (see response-cache.ts); everything else (staff,
 * writes, client navigations) is passed through unchanged.
 */
export async function startHttpServer(options: {
  dir: string;
  port: number;
  host: string;
  dev: boolean;
  databaseUrl: string;
  /** The path the app is built to serve under (`/status`), "" at the host's root. */
  basePath?: string;
}): Promise<RunningServer> {
  const basePath = options.basePath ?? "";
  const app = next({ dev: options.dev, dir: options.dir, hostname: "127.0.0.1", port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const render = (req: IncomingMessage, res: ServerResponse) =>
    (hasMalformedPath(req.url) ? badRequest(res) : handle(req, res)).catch((error: unknown) => {
      console.error("Unhandled error while serving", req.url, error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    });

  if (options.dev) {
    const server = http.createServer(render);
    await listen(server, options.port, options.host);
    return { close: () => closeServer(server), cache: null };
  }

  const internal = http.createServer(render);
  await listen(internal, 0, "127.0.0.1");
  const internalPort = (internal.address() as AddressInfo).port;

  const cache = new ResponseCache({ maxEntries: 2000, maxAgeMs: Number(process.env.UPSTATE_CACHE_MAX_AGE_MS) || 30_000 });
  const refresh = (key: string) => cache.refresh(key, () => fetchInternal(internalPort, key));

  const listener = listenForPublicChanges(options.databaseUrl, (change) => {
    for (const key of cache.invalidate(change)) {
      // The summary pages are what a crowd reloads: render them now, before anyone asks.
      if (!isIncidentKey(key)) void refresh(key);
    }
  });

  const server = http.createServer((req, res) => {
    // The crowd's path, kept short: an anonymous GET of a page cached under its exact URL.
    if (
      req.method === "GET" &&
      req.headers.cookie === undefined &&
      req.headers.rsc === undefined &&
      req.headers["if-none-match"] === undefined
    ) {
      const hit = cache.get(req.url ?? "");
      if (hit && !hit.invalidated && !cache.isAged(hit)) {
        const { variant } = chooseVariant(hit, req.headers["accept-encoding"]);
        res.writeHead(hit.status, variant.hitHeaders);
        res.end(variant.body);
        return;
      }
    }
    const key = cacheKeyFor(req, basePath);
    if (!key) {
      proxy(req, res, internalPort);
      return;
    }
    const entry = cache.get(key);
    if (entry && cache.isServable(entry)) {
      send(req, res, entry, "HIT");
      if (cache.isAged(entry)) void refresh(key);
      return;
    }
    void refresh(key).then((upstream) => {
      const fresh = cache.get(key);
      if (fresh && !fresh.invalidated) send(req, res, fresh, "MISS");
      // Rendering failed (the database may be down): the last known page beats an error.
      else if (entry && (!upstream || upstream.status >= 500)) send(req, res, entry, "STALE");
      else if (upstream) sendUpstream(req, res, upstream);
      else {
        res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "5" });
        res.end("The status page is starting or temporarily unavailable. Please retry in a few seconds.");
      }
    });
  });
  // The status page is rendered before the server takes requests: after a start (a deploy during
  // an outage, say) the first visitors find it in the cache instead of all waiting for the
  // slowest render there is, the first. If it cannot be rendered now, visitors will ask again.
  await refresh(basePath || "/").catch(() => null);
  await listen(server, options.port, options.host);

  return {
    cache,
    close: async () => {
      await listener.close();
      await Promise.all([closeServer(server), closeServer(internal)]);
    },
  };
}

function send(req: IncomingMessage, res: ServerResponse, entry: Entry, state: "HIT" | "MISS" | "STALE") {
  const { variant } = chooseVariant(entry, req.headers["accept-encoding"] as string | undefined);
  const headers: Record<string, string | number> = { ...variant.hitHeaders, "x-upstate-cache": state };
  const ifNoneMatch = req.headers["if-none-match"];
  if (
    ifNoneMatch &&
    entry.status === 200 &&
    ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === variant.etag)
  ) {
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
    // A public page that could not be rendered and was never cached: say so plainly.
    res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "5", "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : "The status page is temporarily unavailable. Please retry in a few seconds.");
    return;
  }
  res.writeHead(upstream.status, wholeBodyHeaders(upstream));
  res.end(req.method === "HEAD" ? undefined : upstream.body);
}

/** GETs a path from the internal Next server, whole. */
function fetchInternal(port: number, path: string): Promise<Upstream> {
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

/** Passes a request through to the internal Next server, streaming both ways. */
function proxy(req: IncomingMessage, res: ServerResponse, port: number) {
  const remote = req.socket.remoteAddress ?? "";
  const forwardedFor = req.headers["x-forwarded-for"];
  const headers = {
    ...req.headers,
    "x-forwarded-for": forwardedFor ? `${forwardedFor}, ${remote}` : remote,
    "x-forwarded-host": req.headers["x-forwarded-host"] ?? req.headers.host ?? "",
    "x-forwarded-proto": req.headers["x-forwarded-proto"] ?? "http",
  };
  const upstream = http.request({ host: "127.0.0.1", port, path: req.url, method: req.method, headers }, (response) => {
    res.writeHead(response.statusCode ?? 502, response.rawHeaders);
    response.pipe(res);
  });
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
    res.end("Bad gateway");
  });
  req.pipe(upstream);
}

async function badRequest(res: ServerResponse) {
  res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
  res.end("Bad request: the path's percent-encoding is malformed.");
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
