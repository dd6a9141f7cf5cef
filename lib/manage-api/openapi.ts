import { z } from "zod";
import type { ApiRoute } from "./define-route.ts";
import { ROUTES } from "./routes.ts";

// The OpenAPI 3.1 document of the Manage API, built from the route table and the very Zod schemas
// the router validates with (Zod 4's JSON Schema output describes what a schema accepts, `io: "input"`).

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as JsonSchema;
  return rest;
}

const ERROR_RESPONSE = { $ref: "#/components/schemas/Error" };
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ERROR_RESPONSE } } });

function operationId(route: ApiRoute): string {
  const words = route.path
    .replace(/\{[^}]+\}/g, "by-id")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [route.method.toLowerCase(), ...words].join("_");
}

function parametersOf(route: ApiRoute) {
  const path = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
    ...(name === "page_id" ? { description: "The page's id, from GET /pages (Upstate serves one page)." } : {}),
  }));
  const queryProperties = route.query ? ((schemaOf(route.query).properties ?? {}) as Record<string, JsonSchema>) : {};
  const query = Object.entries(queryProperties).map(([name, schema]) => ({ name, in: "query", required: false, schema }));
  const idempotency =
    route.method === "POST"
      ? [
          {
            name: "Idempotency-Key",
            in: "header",
            required: false,
            description: "A retried create with the same key returns the first result instead of a duplicate.",
            schema: { type: "string", pattern: "^[A-Za-z0-9._:-]{8,200}$" },
          },
        ]
      : [];
  return [...path, ...query, ...idempotency];
}

function operationOf(route: ApiRoute) {
  const scope =
    "read" in route.access
      ? route.access.read === "subscribers"
        ? 'Needs the "subscribers" (or "admin") scope.'
        : `Needs the "read" scope, or a scope that may write ${route.access.read}.`
      : `Needs the scope that may write ${route.access.write} (see README).`;
  const success =
    route.success === 204
      ? { description: "Done; no content." }
      : { description: "OK", content: { "application/json": { schema: { type: ["object", "array"] } } } };
  const body = route.body ? schemaOf(route.body) : null;
  return {
    operationId: operationId(route),
    summary: route.summary,
    description: scope,
    parameters: parametersOf(route),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: body },
              // Rails-style brackets: incident[name]=…&incident[components][<id>]=major_outage.
              "application/x-www-form-urlencoded": { schema: body },
            },
          },
        }
      : {}),
    responses: {
      [String(route.success)]: success,
      ...(body ? { "400": errorResponse("The body is not JSON or a form.") } : {}),
      "401": errorResponse("No API key, or a wrong or revoked one."),
      "403": errorResponse("The API key lacks the scope."),
      "404": errorResponse("No such page or resource."),
      ...(body
        ? { "409": errorResponse("Changed since the `version` you sent."), "422": errorResponse("A field is invalid.") }
        : {}),
      "429": errorResponse("Too many requests for this key."),
    },
  };
}

let built: JsonSchema | undefined;

export function buildOpenApiDocument(): JsonSchema {
  if (built) return built;
  const paths: Record<string, Record<string, unknown>> = {
    "/openapi.json": {
      get: {
        operationId: "get_openapi_json",
        summary: "This document",
        security: [],
        responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  };
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operationOf(route);
  }
  built = {
    openapi: "3.1.0",
    info: {
      title: "Upstate Manage API",
      version: "1.0.0",
      description:
        "Atlassian Statuspage's Manage API v1, for the parts Upstate has. Authenticate with `Authorization: OAuth <key>` " +
        "or `Authorization: Bearer <key>` (an API key made in the admin). Bodies are JSON or form-encoded.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "apiKey",
          in: "header",
          name: "Authorization",
          description: "`OAuth <key>` (Statuspage's form) or `Bearer <key>`.",
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: { type: "string" },
            fields: { type: "object", additionalProperties: { type: "string" }, description: "422: each refused field and why." },
          },
        },
      },
    },
  };
  return built;
}
