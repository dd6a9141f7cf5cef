import type { IncomingMessage, ServerResponse } from "node:http";
import { answerAlertWebhook, MAX_BODY_BYTES as MAX_ALERT_BODY_BYTES } from "../alerts/alert-webhook.ts";
import type { AlertSource } from "../alerts/payloads.ts";
import type { Db } from "../db/client.ts";
import { fromNodeParts } from "../http/api-request.ts";
import { errorAnswer, type JsonAnswer, jsonErrorAnswer } from "../http/json-errors.ts";
import { failureLog } from "../log/failure-log.ts";
import { answerManageApiRequest } from "../manage-api/handle-request.ts";
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
  /**
   * Where requests are answered, when not on this thread: the server's API thread
   * (api-worker.ts), which falls back to answerApiRequest here when it cannot take them.
   */
  answer?: (request: ApiRequestData) => Promise<ApiAnswer>;
};

/** A request below /api/v1 as it crosses to the thread that answers it: plain data. */
export type ApiRequestData = { method: string; url: string; rawHeaders: string[]; body: Uint8Array | null };
/** Its answer: status, the route's own headers, the body (none for 204 and HEAD). */
export type ApiAnswer = { status: number; headers: [string, string][]; body: Uint8Array | null };

/** Answers a request below /api/v1 (cache-policy.ts's isApiPath); resolves when the answer has been sent. */
export function createApiHandler(options: ApiHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const answer =
    options.answer ?? ((request: ApiRequestData) => answerApiRequest(request, { basePath: options.basePath, db: options.db() }));
  return async (req, res) => {
    try {
      const method = req.method ?? "GET";
      const url = req.url ?? "/";
      // Refused before its body is read (and before it is handed over): a bad path or method.
      const refused = refusedBeforeBody(method, url, options.basePath);
      const readsBody = !refused && method !== "GET" && method !== "HEAD";
      const body = readsBody ? await readRequestBody(req) : null;
      const answered = refused
        ? answerOf(refused, { closeConnection: hasBody(req) })
        : readsBody && body === null
          ? // The rest of the body is not read: the connection closes after this answer.
            answerOf(jsonErrorAnswer(413, "The request body is larger than 5 MB.", {}, { connection: "close" }))
          : await answer({ method, url, rawHeaders: req.rawHeaders, body: body && new Uint8Array(body) });
      send(res, method === "HEAD", answered, options.headers);
    } catch (error) {
      // Not the request's fault (answers map those to JSON): never leave the client waiting.
      failureLog.report("API response could not be sent", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    }
  };
}

/**
 * Answers one request below /api/v1 on whichever thread runs it (the server's API thread, or this
 * one): the Manage API or an alert webhook, every error mapped to JSON.
 */
export async function answerApiRequest(request: ApiRequestData, options: { basePath: string; db: Db }): Promise<ApiAnswer> {
  const refused = refusedBeforeBody(request.method, request.url, options.basePath);
  if (refused) return answerOf(refused);
  const alert = alertSourceOf(request.url, options.basePath);
  const apiRequest = fromNodeParts(request);
  // The Manage API maps its own errors to JSON; the alert webhooks throw theirs to here.
  try {
    return answerOf(
      alert
        ? await answerAlertWebhook(apiRequest, alert, { db: options.db })
        : await answerManageApiRequest(apiRequest, { db: options.db }),
    );
  } catch (error) {
    return answerOf(errorAnswer(error));
  }
}

/** Whether a request comes with a body (which a refusal by path or method leaves unread). */
function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
}

/** The alert webhook a path is (`/api/v1/alerts/grafana`), or null for the Manage API. */
function alertSourceOf(url: string, basePath: string): AlertSource | null {
  const path = url.split("?", 1)[0]!.replace(/\/$/, "");
  return ALERT_SOURCES.find((source) => path === `${basePath}/api/v1/alerts/${source}`) ?? null;
}

/**
 * The answer to a request refused by its path or method alone (a malformed path 400, OPTIONS its
 * methods, a method the path does not take 405, as Next's route handlers answer), or null.
 */
function refusedBeforeBody(method: string, url: string, basePath: string): JsonAnswer | null {
  if (hasMalformedPath(url)) return jsonErrorAnswer(400, "The path's percent-encoding is malformed.");
  const allowed = alertSourceOf(url, basePath) ? ALERT_METHODS : API_METHODS;
  if (method === "OPTIONS") return { status: 204, headers: { allow: allowed.join(", ") } };
  if (allowed.includes(method)) return null;
  return jsonErrorAnswer(
    405,
    `Use ${allowed.filter((m) => m !== "OPTIONS").join(", ")} on this path.`,
    {},
    { allow: allowed.join(", ") },
  );
}

const UTF8 = new TextEncoder();

/** A JsonAnswer as the bytes sent: its JSON body (none when it has no value) and headers. */
export function answerOf(answer: JsonAnswer, options: { closeConnection?: boolean } = {}): ApiAnswer {
  // Lower-cased, as `send` overrides cache-control by that name.
  const headers = Object.entries(answer.headers).map(([name, value]): [string, string] => [name.toLowerCase(), value]);
  // A body left unread would be taken for the next request on a kept-alive connection.
  if (options.closeConnection) headers.push(["connection", "close"]);
  if (answer.json === undefined) return { status: answer.status, headers, body: null };
  headers.push(["content-type", "application/json"]);
  // An array of its own: a Buffer may be a view of a shared pool, all of which a postMessage copies.
  return { status: answer.status, headers, body: UTF8.encode(JSON.stringify(answer.json)) };
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

function send(
  res: ServerResponse,
  head: boolean,
  answer: ApiAnswer,
  fixedHeaders: readonly { key: string; value: string }[],
): void {
  if (res.destroyed) return;
  const headers: Record<string, string | number> = {};
  for (const { key, value } of fixedHeaders) headers[key.toLowerCase()] = value;
  for (const [name, value] of answer.headers) headers[name] = value;
  // Each answer is for one key: no cache, shared or not, may keep it.
  headers["cache-control"] = "private, no-store";
  const body = head ? null : answer.body;
  if (body) headers["content-length"] = body.length;
  res.writeHead(answer.status, headers);
  res.end(body ?? undefined);
}
