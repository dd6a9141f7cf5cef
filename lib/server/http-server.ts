import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import next from "next";
import { publicCacheControl } from "../cache/cache-control.ts";
import { getDb } from "../db/client.ts";
import { notePrimaryChange, startReadReplica, stopReadReplica } from "../db/read-replica.ts";
import { wakeEdgePurgeWorkers } from "../edge/purge-worker.ts";
import { failureLog } from "../log/failure-log.ts";
import { answerApiRequest, createApiHandler } from "./api-handler.ts";
import { startApiWorker } from "./api-worker.ts";
import { summaryKeys } from "./cache-policy.ts";
import { listenForPublicChanges } from "./change-listener.ts";
import { admitClientAddress } from "./client-address.ts";
import { closeGracefully } from "./close-gracefully.ts";
import { fetchInternal, proxy } from "./internal-app.ts";
import { hasMalformedPath } from "./malformed-path.ts";
import { keepPageSnapshot, warmPublicSurfaces } from "./page-snapshot.ts";
import { RenderQueue } from "./render-queue.ts";
import { createRequestHandler } from "./request-handler.ts";
import { ResponseCache } from "./response-cache.ts";

/** How long a stopping server lets the requests under way finish before it cuts them. */
const SHUTDOWN_GRACE_MS = 10_000;

export type RunningServer = {
  close: () => Promise<void>;
  cache: ResponseCache | null;
  /** Drops every cached response and renders the public surfaces again (the database is back). */
  refreshPublicPages: () => Promise<void>;
};

/**
 * Serves Upstate. In production, Next.js renders behind an internal port and the front server
 * (request-handler.ts) answers public GET requests from an in-memory cache (response-cache.ts)
 * and the write API itself (api-handler.ts); everything else (staff) is passed through unchanged. In development the cache is off,
 * unless `cache` asks for it (`npm run dev -- --cache`), to watch invalidation at work.
 */
export async function startHttpServer(options: {
  dir: string;
  port: number;
  host: string;
  dev: boolean;
  databaseUrl: string;
  /**
   * A streaming replica of `databaseUrl` for public renders (lib/db/read-replica.ts). Used behind
   * the response cache only, whose change notifications tell how far the replica must have got.
   */
  databaseReplicaUrl?: string;
  /** The path the app is built to serve under (`/status`), "" at the host's root. */
  basePath?: string;
  /** Whether to serve through the response cache; on unless in development. */
  cache?: boolean;
  /** Where the last good public responses are kept across restarts (page-snapshot.ts). */
  snapshotFile?: string;
  /** Whether to render the public surfaces before taking requests (not while the database is away). */
  warm?: boolean;
}): Promise<RunningServer> {
  const basePath = options.basePath ?? "";
  // In production Next logs nothing itself: instrumentation.ts's onRequestError logs its errors
  // through the failure log (once, then a count a minute), not a stack per failed render.
  const app = next({ dev: options.dev, dir: options.dir, hostname: "127.0.0.1", port: options.port, quiet: !options.dev });
  await app.prepare();
  const handle = app.getRequestHandler();
  const render = (req: IncomingMessage, res: ServerResponse) =>
    (hasMalformedPath(req.url) ? badRequest(res) : handle(req, res)).catch((error: unknown) => {
      failureLog.report("unhandled error while serving", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    });

  if (!(options.cache ?? !options.dev)) {
    const server = http.createServer((req, res) => {
      admitClientAddress(req, { behindOwnProxy: false });
      return render(req, res);
    });
    await listen(server, options.port, options.host);
    return { close: () => closeServer(server), cache: null, refreshPublicPages: async () => {} };
  }

  const internal = http.createServer((req, res) => {
    admitClientAddress(req, { behindOwnProxy: true });
    return render(req, res);
  });
  await listen(internal, 0, "127.0.0.1");
  const internalPort = (internal.address() as AddressInfo).port;

  const cache = new ResponseCache({
    maxBytes: Number(process.env.UPSTATE_CACHE_MAX_BYTES) || 256 * 1024 * 1024,
    maxAgeMs: Number(process.env.UPSTATE_CACHE_MAX_AGE_MS) || 30_000,
    pinnedKeys: summaryKeys(basePath),
    cacheControl: publicCacheControl(Boolean(process.env.EDGE_PURGE)),
    queue: new RenderQueue({
      concurrency: Number(process.env.UPSTATE_RENDER_CONCURRENCY) || 2,
      maxWaiting: Number(process.env.UPSTATE_RENDER_QUEUE) || 32,
    }),
  });
  const snapshot = options.snapshotFile ? await keepPageSnapshot({ cache, file: options.snapshotFile }) : null;
  const renderKey = (key: string) =>
    fetchInternal(internalPort, key).then((upstream) => {
      if (upstream.status < 500) snapshot?.changed();
      return upstream;
    });
  const warm = () => warmPublicSurfaces((key) => cache.refresh(key, () => renderKey(key)), basePath);

  if (options.databaseReplicaUrl) {
    startReadReplica({
      replicaUrl: options.databaseReplicaUrl,
      waitMs: Number(process.env.UPSTATE_REPLICA_WAIT_MS) || undefined,
    });
  }
  const listener = listenForPublicChanges(options.databaseUrl, (change) => {
    // First: the renders the change starts must not read a replica that lacks it.
    notePrimaryChange();
    cache.applyChange(change, renderKey);
    // The edge is purged now that this process knows of the change: an edge asking meanwhile gets
    // the copies being re-rendered marked not to be kept (s-maxage=0), then the new pages.
    wakeEdgePurgeWorkers();
  });

  // The write API keeps a thread of its own, off the crowd's (api-worker.ts).
  const apiWorker = startApiWorker({
    databaseUrl: options.databaseUrl,
    basePath,
    fallback: (request) => answerApiRequest(request, { basePath, db: getDb() }),
  });
  const api = createApiHandler({ basePath, db: getDb, headers: await nextConfigHeaders(options.dir), answer: apiWorker.answer });
  const server = http.createServer(
    createRequestHandler({ cache, basePath, render: renderKey, pass: (req, res) => proxy(req, res, internalPort), api }),
  );
  // Kept-alive connections stay open longer than the proxies in front keep theirs (nginx's
  // upstream `keepalive_timeout` is 60 s): with Node's 5 s, a proxy or client reusing a connection
  // just as Upstate closed it got a reset, which nginx cannot retry for a POST (a 502).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // The public surfaces are rendered before the server takes requests: after a start (a deploy
  // during an outage, say) the first visitors find them in the cache instead of all waiting for
  // the slowest render there is, the first. If one cannot be rendered now, visitors will ask again.
  if (options.warm !== false) await warm();
  await listen(server, options.port, options.host);

  return {
    cache,
    refreshPublicPages: async () => {
      cache.invalidate({ all: true });
      await warm();
    },
    close: async () => {
      // The front server first, letting requests under way finish: they still need the app behind
      // it, and the change listener keeps the pages they get current meanwhile.
      await closeGracefully(server, SHUTDOWN_GRACE_MS);
      await listener.close();
      await apiWorker.stop();
      await closeServer(internal);
      await snapshot?.close();
      await stopReadReplica();
    },
  };
}

/** The headers next.config.js gives every response (`/:path*`): the security headers. */
export async function nextConfigHeaders(dir: string): Promise<{ key: string; value: string }[]> {
  const config = (await import(pathToFileURL(path.join(dir, "next.config.js")).href)) as {
    default: { headers?: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
  };
  const rules = (await config.default.headers?.()) ?? [];
  const headers = rules.find((rule) => rule.source === "/:path*")?.headers ?? [];
  // The write API must not go out without the security headers every other response has.
  if (headers.length === 0) throw new Error("next.config.js gives no headers for /:path* (its security headers)");
  return headers;
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
