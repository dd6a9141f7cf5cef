import { describe, expect, it } from "vitest";
import { fromNodeParts } from "./api-request.ts";

// The plain request the server in front of Next hands the API reads as a fetch Request would.

describe("fromNodeParts", () => {
  const rawHeaders = ["Authorization", "OAuth abc", "X-Tag", "one", "x-tag", " two ", "Content-Type", "application/json"];
  const bytes = new TextEncoder().encode('\uFEFF{"name":"Café"}');
  const request = fromNodeParts({ method: "PATCH", url: "/api/v1/pages/p/incidents?limit=2", rawHeaders, body: bytes });
  const fetched = new Request("http://upstate.invalid/api/v1/pages/p/incidents?limit=2", {
    method: "PATCH",
    headers: [
      ["Authorization", "OAuth abc"],
      ["X-Tag", "one"],
      ["x-tag", " two "],
      ["Content-Type", "application/json"],
    ],
    body: bytes,
  });

  it("reads headers in any case, repeated ones joined, as fetch's Headers does", () => {
    for (const name of ["authorization", "AUTHORIZATION", "x-tag", "content-type", "idempotency-key"]) {
      expect(request.headers.get(name), name).toBe(fetched.headers.get(name));
    }
    expect(request.headers.get("x-tag")).toBe("one, two");
  });

  it("keeps the path and query, and decodes the body as fetch's text() does", async () => {
    expect(new URL(request.url).pathname + new URL(request.url).search).toBe("/api/v1/pages/p/incidents?limit=2");
    expect(request.method).toBe("PATCH");
    expect(await request.text()).toBe(await fetched.text());
    expect(await request.text()).toBe('{"name":"Café"}');
  });

  it("has an empty text without a body", async () => {
    expect(await fromNodeParts({ method: "DELETE", url: "/api/v1/x", rawHeaders: [], body: null }).text()).toBe("");
  });
});
