import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { handleAlertWebhook } from "../alerts/alert-webhook.ts";
import type { AlertSource } from "../alerts/payloads.ts";
import type { Db } from "../db/client.ts";
import { jsonError, withJsonErrors } from "../http/json-errors.ts";
import { failureLog } from "../log/failure-log.ts";
import { handleManageApiRequest } from "../manage-api/handle-request.ts";
import { hasMalformedPath } from "./malformed-path.ts";

// The write API (/api/v1: Statuspage's Manage API and the alert webhooks) answered by the front
// server itself, not passed over HTTP to Next.js: a script's status writes are short database
// work, and the hop through Next (a second HTTP parse, its router, its per-request async context)
// cost more than the write. Next's routes under app/api/v1 run the same functions when Next
// serves alone (`npm run dev`). Every answer carries the headers next.config.js gives every
// response (its security headers), and may not be stored by any cache.

const ALERT_SOURCES = ["alertmanager", "grafana"] as const satisfies readonly AlertSource[];

export type ApiHandlerOptions = {
  basePath: string;
  /** The database the API works on (the process's pool). */
  db: () => Db;
  /** Headers every response carries (next.config.js's, for `/:path*`). */
  headers: readonly { key: string; value: string }[];
};

/** Answers a request below /api/v1 (cache-policy.ts's isApiPath); resolves when the answer has been sent. */
export function createApiHandler(options: ApiHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const alertPaths = new Map(ALERT_SOURCES.map((source) => [`${options.basePath}/api/v1/alerts/${source}`, source]));
  // The handlers map their own errors to JSON; this catches what happens before them.
  const answer = withJsonErrors(async function answer(req: IncomingMessage): Promise<Response> {
    if (hasMalformedPath(req.url)) return jsonError(400, "The path's percent-encoding is malformed.");
    const path = (req.url ?? "").split("?", 1)[0]!.replace(/\/$/, "");
    const alert = alertPaths.get(path);
    if (alert && req.method !== "POST") {
      return jsonError(405, "Alert webhooks take POST requests.", {}, { allow: "POST" });
    }
    const request = toRequest(req);
    if (alert) return handleAlertWebhook(request, alert, { db: options.db() });
    return handleManageApiRequest(request, { db: options.db() });
  });
  return async (req, res) => {
    try {
      await send(res, req.method === "HEAD", await answer(req), options.headers);
    } catch (error) {
      // Not the request's fault (answer maps those to JSON): never leave the client waiting.
      failureLog.report("API response could not be sent", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    }
  };
}

/** The Node request as a fetch Request (its body streamed, read by the handler within its limit). */
function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // Only the path and query are read from the URL: the host is a fixed, valid stand-in.
  return new Request(`http://upstate.invalid${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    // Node's fetch needs this to take a streamed body.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function send(
  res: ServerResponse,
  head: boolean,
  response: Response,
  fixedHeaders: readonly { key: string; value: string }[],
): Promise<void> {
  const body = head ? null : Buffer.from(await response.arrayBuffer());
  if (res.destroyed) return;
  const headers: Record<string, string | number> = {};
  for (const { key, value } of fixedHeaders) headers[key.toLowerCase()] = value;
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // Each answer is for one key: no cache, shared or not, may keep it.
  headers["cache-control"] = "private, no-store";
  if (body) headers["content-length"] = body.length;
  res.writeHead(response.status, headers);
  res.end(body ?? undefined);
}
