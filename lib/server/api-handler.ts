import type { IncomingMessage, ServerResponse } from "node:http";
import { handleAlertWebhook, MAX_BODY_BYTES as MAX_ALERT_BODY_BYTES } from "../alerts/alert-webhook.ts";
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
const API_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
const ALERT_METHODS = ["OPTIONS", "POST"];

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
    const allowed = alert ? ALERT_METHODS : API_METHODS;
    // As Next's route handlers answer: OPTIONS lists the methods; any other is refused here.
    if (req.method === "OPTIONS") return new Response(null, { status: 204, headers: { allow: allowed.join(", ") } });
    if (!allowed.includes(req.method ?? "")) {
      return jsonError(
        405,
        `Use ${allowed.filter((m) => m !== "OPTIONS").join(", ")} on this path.`,
        {},
        { allow: allowed.join(", ") },
      );
    }
    const request = await toRequest(req);
    if (!request) {
      // The rest of the body is not read: the connection closes after this answer.
      return jsonError(413, "The request body is larger than 5 MB.", {}, { connection: "close" });
    }
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

/**
 * The largest body any route below /api/v1 takes (an alert webhook's; the Manage API takes 1 MB,
 * read-body.ts): read whole before the route runs, so that a refused request's body never stays
 * unread on a kept-alive connection (which Node would then reset).
 */
const MAX_BODY_BYTES = MAX_ALERT_BODY_BYTES;

/** The body, or null when it is larger than MAX_BODY_BYTES (by its length, declared or read). */
async function readRequestBody(req: IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return null;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The Node request as a fetch Request, with its body read. */
async function toRequest(req: IncomingMessage): Promise<Request | null> {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  let body: Buffer | null = null;
  if (req.method !== "GET" && req.method !== "HEAD") {
    body = await readRequestBody(req);
    if (body === null) return null;
  }
  // Only the path and query are read from the URL: the host is a fixed, valid stand-in.
  return new Request(`http://upstate.invalid${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body: body && new Uint8Array(body),
  });
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
