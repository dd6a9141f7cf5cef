import type { z } from "zod";
import { authenticateApiRequest, confirmApiKey } from "../api-keys/authenticate-api-request.ts";
import type { Actor } from "../auth/actor.ts";
import { type Action, can } from "../auth/policy.ts";
import type { Db } from "../db/client.ts";
import { ForbiddenError, InvalidError, NotFoundError } from "../errors.ts";
import type { ApiRequest } from "../http/api-request.ts";
import { errorAnswer, type JsonAnswer, jsonErrorAnswer, toResponse } from "../http/json-errors.ts";
import { apiKeyScope, readIdempotencyKey } from "../idempotency/in-transaction-once.ts";
import { getPageId } from "../page/queries.ts";
import { PAGE_ID } from "../public-api/statuspage-v2.ts";
import type { ApiResource, ApiRoute } from "./define-route.ts";
import { buildOpenApiDocument } from "./openapi.ts";
import { readBody } from "./read-body.ts";
import { ROUTES } from "./routes.ts";

// The Manage API's one entry point: match the route, authenticate the key, check the page id and
// the read scope, decode and validate the body, run the route, and map any error to JSON. Writes
// are authorized by the lib/ write itself, inside its transaction (lib/auth/policy.ts).

export const API_PREFIX = "/api/v1";
export const OPENAPI_PATH = "/openapi.json";

type Compiled = { route: ApiRoute; pattern: RegExp; names: string[] };

const COMPILED: Compiled[] = ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name);
    return "([^/]+?)";
  });
  // Statuspage's older documentation ends paths in `.json`; its clients still send them.
  return { route, pattern: new RegExp(`^${source}(?:\\.json)?/?$`), names };
});

/** The actions whose permission also lets a key read a resource, besides the `read` scope. */
const READ_ACTIONS: Record<ApiResource, Action[]> = {
  page: ["page.read", "page.settings"],
  incidents: ["page.read", "incident.write", "maintenance.write"],
  maintenance: ["page.read", "maintenance.write"],
  components: ["page.read", "component.status", "component.edit"],
  // Addresses and secret endpoint URLs: only a key that may manage them reads them.
  subscribers: ["subscriber.manage"],
};

function assertMayRead(actor: Actor, resource: ApiResource): void {
  if (READ_ACTIONS[resource].some((action) => can(actor, action))) return;
  const scopes = resource === "subscribers" ? '"subscribers"' : `"read" or "${resource === "page" ? "admin" : resource}"`;
  throw new ForbiddenError(`This API key cannot read ${resource}: it needs the ${scopes} scope.`);
}

/**
 * Paths name the page by its id (GET /api/v1/pages, shown in the admin); `upstate`, the page's
 * name in the public API, is accepted too, so a script can be set up before anyone looks it up.
 */
async function assertThisPage(db: Db, pageId: string): Promise<void> {
  if (pageId === PAGE_ID) return;
  const ours = await getPageId(db);
  if (pageId !== ours) {
    throw new NotFoundError(`There is no page ${pageId}: this Upstate serves the page “${ours ?? PAGE_ID}” (GET /api/v1/pages).`);
  }
}

/** The path below /api/v1 (whatever base path the app is served under), or null outside it. */
function apiPath(url: URL): string | null {
  const at = url.pathname.indexOf(API_PREFIX);
  if (at < 0) return null;
  const rest = url.pathname.slice(at + API_PREFIX.length);
  return rest === "" ? "/" : rest;
}

function match(method: string, path: string): { found: Compiled; params: Record<string, string> } | { allowed: string[] } {
  const allowed: string[] = [];
  for (const compiled of COMPILED) {
    const result = compiled.pattern.exec(path);
    if (!result) continue;
    if (compiled.route.method !== method) {
      allowed.push(compiled.route.method);
      continue;
    }
    const params: Record<string, string> = {};
    compiled.names.forEach((name, index) => {
      params[name] = decodeURIComponent(result[index + 1]!);
    });
    return { found: compiled, params };
  }
  return { allowed };
}

/** A schema's issues as field errors keyed by their path (`incident.status`), for a 422. */
function invalidBody(error: z.ZodError): InvalidError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.join(".") || "body"] ??= issue.message;
  return new InvalidError("The request body needs attention.", fieldErrors);
}

const NO_STORE = { "cache-control": "no-store" };

/** The Manage API as a Next route handler (`npm run dev`, where no server stands in front of Next). */
export async function handleManageApiRequest(request: Request, options: { db: Db }): Promise<Response> {
  const answer = await answerManageApiRequest(request, options);
  try {
    return toResponse(answer);
  } catch (error) {
    return toResponse(errorAnswer(error));
  }
}

/** Answers one Manage API request; whatever goes wrong is answered as JSON too (errorAnswer). */
export async function answerManageApiRequest(request: ApiRequest, options: { db: Db }): Promise<JsonAnswer> {
  try {
    const url = new URL(request.url);
    const path = apiPath(url);
    if (path === null) throw new NotFoundError("There is no such API endpoint.");
    if (path === OPENAPI_PATH && (request.method === "GET" || request.method === "HEAD")) {
      return { status: 200, headers: NO_STORE, json: buildOpenApiDocument() };
    }
    // HEAD is a GET whose body is left out (by whoever sends the response).
    const matched = match(request.method === "HEAD" ? "GET" : request.method, path);
    if ("allowed" in matched) {
      if (matched.allowed.length === 0) {
        throw new NotFoundError(`There is no such API endpoint. See ${API_PREFIX}${OPENAPI_PATH}.`);
      }
      return jsonErrorAnswer(405, `Use ${matched.allowed.join(", ")} on this path.`, {}, { allow: matched.allowed.join(", ") });
    }
    const { found, params } = matched;
    const { db } = options;
    const rechecked = found.route.keyRecheckedFor;
    const actor = await authenticateApiRequest(db, request.headers, { rechecked: rechecked !== undefined });
    if ("page_id" in params) await assertThisPage(db, params.page_id!);
    if ("read" in found.route.access) assertMayRead(actor, found.route.access.read);
    let body: unknown;
    if (found.route.body) {
      const parsed = found.route.body.safeParse(await readBody(request));
      if (!parsed.success) throw invalidBody(parsed.error);
      body = parsed.data;
    }
    // The key may have come from a lookup begun before the request: afresh, unless the body's
    // write re-reads it.
    if (rechecked && !rechecked(body)) await confirmApiKey(db, request.headers);
    const idempotency = readIdempotencyKey(apiKeyScope(actor), request.headers.get("idempotency-key"));
    const result = await found.route.handle({ db, actor, params, body, query: url.searchParams, idempotency });
    return { status: result.status ?? (result.json === undefined ? 204 : 200), headers: NO_STORE, json: result.json };
  } catch (error) {
    return errorAnswer(error);
  }
}
