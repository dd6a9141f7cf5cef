import { expect, test } from "@playwright/test";

// The public API over real HTTP: headers, conditional requests, CORS, unknown paths and the
// public URL never taken from the request.

const API_PATHS = [
  "/api/v2/summary.json",
  "/api/v2/status.json",
  "/api/v2/components.json",
  "/api/v2/incidents.json",
  "/api/v2/incidents/unresolved.json",
  "/api/v2/scheduled-maintenances.json",
  "/api/v2/scheduled-maintenances/upcoming.json",
  "/api/v2/scheduled-maintenances/active.json",
];

test("every API endpoint answers JSON with open CORS, cache headers and an ETag", async ({ request }) => {
  for (const path of API_PATHS) {
    const response = await request.get(path, { headers: { origin: "https://customer.example" } });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain("application/json");
    expect(response.headers()["access-control-allow-origin"], path).toBe("*");
    expect(response.headers()["cache-control"], path).toMatch(
      /^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/,
    );
    expect(response.headers().etag, path).toMatch(/^"[^"]+"$/);
    expect((await response.json()).page.name, path).toBe("WorkOS");
  }
});

test("a request with the current ETag gets 304 and no body", async ({ request }) => {
  const first = await request.get("/api/v2/summary.json");
  const etag = first.headers().etag!;
  const second = await request.get("/api/v2/summary.json", { headers: { "if-none-match": etag } });
  expect(second.status()).toBe(304);
  expect(await second.body()).toHaveLength(0);
  const stale = await request.get("/api/v2/summary.json", { headers: { "if-none-match": '"stale"' } });
  expect(stale.status()).toBe(200);
});

test("HEAD gives the headers without a body", async ({ request }) => {
  const response = await request.head("/api/v2/status.json");
  expect(response.status()).toBe(200);
  expect(response.headers().etag).toBeTruthy();
  expect(response.headers()["access-control-allow-origin"]).toBe("*");
  expect(await response.body()).toHaveLength(0);
});

test("a CORS preflight is allowed from any origin", async ({ request }) => {
  const response = await request.fetch("/api/v2/status.json", {
    method: "OPTIONS",
    headers: { origin: "https://customer.example", "access-control-request-method": "GET" },
  });
  expect(response.status()).toBe(204);
  expect(response.headers()["access-control-allow-origin"]).toBe("*");
  expect(response.headers()["access-control-allow-methods"]).toContain("GET");
});

test("an unknown API path is a JSON 404", async ({ request }) => {
  for (const path of ["/api/v2/nope.json", "/api/anything/at/all", "/api"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()["content-type"], path).toContain("application/json");
    expect((await response.json()).error.status, path).toBe(404);
  }
  // Below /api/v1 is the write API (lib/manage-api), whose errors are Statuspage's `{"error": "…"}`.
  const manage = await request.get("/api/v1/summary.json");
  expect(manage.status()).toBe(404);
  expect(manage.headers()["content-type"]).toContain("application/json");
  expect((await manage.json()).error).toContain("no such API endpoint");
});

test("absolute URLs come from the configured public URL, never from Host or X-Forwarded-Host", async ({ request }) => {
  const response = await request.get("/api/v2/incidents.json", {
    headers: { host: "evil.example:8080", "x-forwarded-host": "proxy.internal:9999", "x-forwarded-proto": "https" },
  });
  const text = await response.text();
  expect(text).not.toMatch(/evil\.example|proxy\.internal|:9999|:8080/);
  const body = JSON.parse(text);
  // scripts/e2e.ts sets no PUBLIC_URL, so the base is http://localhost:$PORT.
  const port = new URL(process.env.E2E_BASE_URL!).port;
  expect(body.page.url).toBe(`http://localhost:${port}`);
  expect(body.incidents[0].shortlink).toBe(`http://localhost:${port}/incidents/${body.incidents[0].id}`);
});
