import type { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import type { IdempotencyKey } from "../idempotency/in-transaction-once.ts";

// One row of the Manage API's route table (routes.ts): what the router matches, what the OpenAPI
// document says, and the handler, in one place.

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/**
 * What a route reads or writes, for the API key's scopes (lib/auth/policy.ts decides). Reads of
 * a resource are allowed with the `read` scope or the resource's own scope; writes need the
 * resource's scope (the lib/ write checks it inside its transaction).
 */
export type ApiResource = "page" | "incidents" | "maintenance" | "components" | "subscribers";

export type ApiContext<Body> = {
  db: Db;
  actor: Actor;
  /** Path parameters by name (`incident_id`); `page_id` has been checked. */
  params: Record<string, string>;
  body: Body;
  query: URLSearchParams;
  /** The request's `Idempotency-Key`, scoped to the API key. */
  idempotency: IdempotencyKey | undefined;
};

/** A response: JSON with `status` (200 by default), or 204 with no body when `json` is undefined. */
export type ApiResult = { status?: number; json?: unknown };

export type ApiRoute = {
  method: HttpMethod;
  /** OpenAPI-style path below /api/v1, e.g. `/pages/{page_id}/incidents/{incident_id}`. */
  path: string;
  summary: string;
  /** `read` for reads; otherwise the resource whose scope the write needs. */
  access: { read: ApiResource } | { write: ApiResource };
  body?: z.ZodType;
  query?: z.ZodType;
  /** The success status, for the OpenAPI document. */
  success: 200 | 201 | 204;
  /**
   * The bodies for which everything the route does and answers comes after a lib/ write that
   * re-reads the API key inside its transaction (lib/auth/policy.ts): for them the key's lookup
   * may be one already under way when the request came, sparing a burst of such writes a round
   * trip each. Any other body has its key looked up afresh (handle-request.ts).
   */
  keyRecheckedFor?: (body: unknown) => boolean;
  handle: (context: ApiContext<unknown>) => Promise<ApiResult>;
};

/** Types a route's handler by its body schema. */
export function defineRoute<Body extends z.ZodType | undefined = undefined>(
  route: Omit<ApiRoute, "body" | "handle" | "keyRecheckedFor"> & {
    body?: Body;
    keyRecheckedFor?: (body: Body extends z.ZodType ? z.output<Body> : undefined) => boolean;
    handle: (context: ApiContext<Body extends z.ZodType ? z.output<Body> : undefined>) => Promise<ApiResult>;
  },
): ApiRoute {
  return route as ApiRoute;
}
