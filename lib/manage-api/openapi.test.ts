import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, test } from "vitest";
import { buildOpenApiDocument } from "./openapi.ts";
import { ROUTES } from "./routes.ts";

// The document is checked by a real OpenAPI 3.1 validator, and against the route table the router
// serves; tests/manage-api.test.ts then sends a request to every documented operation.

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

function documentedOperations(document: Record<string, unknown>): string[] {
  const paths = document.paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => METHODS.includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe("the Manage API's OpenAPI document", () => {
  test("is a valid OpenAPI 3.1 document", async () => {
    const document = structuredClone(buildOpenApiDocument());
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(document as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  test("documents every route the router serves, and nothing else", () => {
    const served = [...ROUTES.map((route) => `${route.method} ${route.path}`), "GET /openapi.json"].sort();
    expect(documentedOperations(buildOpenApiDocument()).sort()).toEqual(served);
  });

  test("describes each request body with the schema the router validates it with", () => {
    const paths = buildOpenApiDocument().paths as Record<string, Record<string, { requestBody?: unknown }>>;
    const create = paths["/pages/{page_id}/incidents"]!.post!.requestBody as {
      content: Record<string, { schema: { properties: { incident: { properties: Record<string, unknown> } } } }>;
    };
    for (const type of ["application/json", "application/x-www-form-urlencoded"]) {
      const fields = create.content[type]!.schema.properties.incident.properties;
      expect(Object.keys(fields)).toEqual(
        expect.arrayContaining(["name", "status", "body", "components", "component_ids", "scheduled_for"]),
      );
    }
  });
});
