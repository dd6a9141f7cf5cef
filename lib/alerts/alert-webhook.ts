import { authenticateApiRequest } from "../api-keys/authenticate-api-request.ts";
import { type Db, getDb } from "../db/client.ts";
import { MalformedRequestError } from "../errors.ts";
import type { ApiRequest } from "../http/api-request.ts";
import { type JsonAnswer, toResponse } from "../http/json-errors.ts";
import type { AlertSource } from "./payloads.ts";
import { receiveAlerts } from "./receive-alerts.ts";

/** A webhook body larger than this is refused before it is parsed (1,000 alerts fit easily). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * POST /api/v1/alerts/{alertmanager,grafana}: the key (Authorization: Bearer, with the
 * `components` scope), then the body, then the alerts. Errors are thrown for errorAnswer.
 */
export async function answerAlertWebhook(
  request: ApiRequest,
  source: AlertSource,
  options: { db?: Db } = {},
): Promise<JsonAnswer> {
  const db = options.db ?? getDb();
  const actor = await authenticateApiRequest(db, request.headers);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new MalformedRequestError("The request body is too large (at most 5 MB).");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new MalformedRequestError("The request body is too large (at most 5 MB).");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new MalformedRequestError("The request body is not valid JSON.");
  }
  const result = await receiveAlerts({ db, actor, input: { source, body } });
  return { status: 200, headers: { "cache-control": "no-store" }, json: result };
}

/** answerAlertWebhook as a Next route handler's Response. */
export async function handleAlertWebhook(request: Request, source: AlertSource): Promise<Response> {
  return toResponse(await answerAlertWebhook(request, source));
}
