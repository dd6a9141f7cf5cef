import { describe, expect, it } from "vitest";
import { entityTag, matchesIfNoneMatch, PUBLIC_CACHE_CONTROL, publicResponse } from "./http.ts";

const request = (headers: Record<string, string> = {}, method = "GET") =>
  new Request("http://internal:3000/api/v2/status.json", { headers, method });

describe("publicResponse", () => {
  it("sends the body with an ETag, open CORS and CDN-friendly caching", async () => {
    const response = publicResponse(request(), { body: '{"a":1}', contentType: "application/json" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"a":1}');
    expect(response.headers.get("etag")).toBe(entityTag('{"a":1}'));
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
  });

  it("answers 304 without a body when If-None-Match names the current ETag", async () => {
    const etag = entityTag("x");
    const response = publicResponse(request({ "if-none-match": `"other", W/${etag}` }), { body: "x", contentType: "text/plain" });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe("");
    expect(response.headers.get("etag")).toBe(etag);
  });

  it("sends the new body when the ETag changed", () => {
    const response = publicResponse(request({ "if-none-match": entityTag("old") }), { body: "new", contentType: "text/plain" });
    expect(response.status).toBe(200);
  });

  it("sends headers only for HEAD", async () => {
    const response = publicResponse(request({}, "HEAD"), { body: "x", contentType: "text/plain" });
    expect(await response.text()).toBe("");
    expect(response.headers.get("content-type")).toBe("text/plain");
  });
});

describe("matchesIfNoneMatch", () => {
  it.each([
    [null, false],
    ["*", true],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"abcd"', false],
  ])("%s → %s", (header, expected) => {
    expect(matchesIfNoneMatch(header, '"abc"')).toBe(expected);
  });
});
