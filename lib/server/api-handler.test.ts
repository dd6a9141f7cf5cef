import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeApiKey, makeComponent } from "../../tests/support/factories.ts";
import { createApiHandler } from "./api-handler.ts";

// The front server's own answer to the write API, over real HTTP against the test database: what
// Next's route would answer, with next.config.js's headers, never stored by a cache.

const FIXED = [
  { key: "Content-Security-Policy", value: "default-src 'self'" },
  { key: "X-Frame-Options", value: "DENY" },
];

let server: http.Server;
let origin: string;

beforeAll(async () => {
  const api = createApiHandler({ basePath: "/status", db: testDb, headers: FIXED });
  server = http.createServer((req, res) => void api(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the write API answered by the front server", () => {
  it("refuses a request without a key with a JSON 401 carrying the page's security headers", async () => {
    const response = await fetch(`${origin}/status/api/v1/pages`);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-security-policy")).toBe("default-src 'self'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
    expect((await response.json()) as unknown).toEqual({ error: expect.stringContaining("Authorization header") });
  });

  it("sets a component's status from a JSON PATCH and answers the component", async () => {
    const db = testDb();
    const { secret } = await makeApiKey(db, { scopes: ["components"] });
    const component = await makeComponent(db);
    const response = await fetch(`${origin}/status/api/v1/pages/upstate/components/${component.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ component: { status: "major_outage" } }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string; status: string }).status).toBe("major_outage");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const stored = await db.component.findUniqueOrThrow({ where: { id: component.id } });
    expect(stored.status).toBe("major_outage");
  });

  it("reads a form-encoded body, as Statuspage accepts", async () => {
    const db = testDb();
    const { secret } = await makeApiKey(db, { scopes: ["components"] });
    const component = await makeComponent(db);
    const response = await fetch(`${origin}/status/api/v1/pages/upstate/components/${component.id}`, {
      method: "PATCH",
      headers: { authorization: `OAuth ${secret}`, "content-type": "application/x-www-form-urlencoded" },
      body: "component%5Bstatus%5D=partial_outage",
    });
    expect(response.status).toBe(200);
    expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("partial_outage");
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await fetch(`${origin}/status/api/v1/pages`, { method: "HEAD" });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.text()).toBe("");
  });

  it("takes only POST at an alert webhook's path, and lists the methods on OPTIONS as Next did", async () => {
    const response = await fetch(`${origin}/status/api/v1/alerts/alertmanager`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("OPTIONS, POST");
    const options = await fetch(`${origin}/status/api/v1/pages`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
    const trace = await rawRequest("TRACE", "/status/api/v1/pages");
    expect(trace.status).toBe(405);
    const posted = await fetch(`${origin}/status/api/v1/alerts/grafana`, { method: "POST", body: "{}" });
    // The webhook's own answer (no key), not the Manage API's "no such endpoint".
    expect(posted.status).toBe(401);
  });

  it("answers a path whose percent-encoding is broken with a 400, not a 500", async () => {
    const response = await fetch(`${origin}/status/api/v1/pages/%E0`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain("percent-encoding");
  });

  it("keeps a kept-alive connection usable after refusing a large body it did not read", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const big = Buffer.alloc(3_000_000, "a");
    const first = await rawRequest("POST", "/status/api/v1/pages/upstate/incidents", { agent, body: big });
    expect(first.status).toBe(401);
    const second = await rawRequest("GET", "/status/api/v1/pages", { agent });
    expect(second.status).toBe(401);
    agent.destroy();
  });

  it("refuses a body over 5 MB with a 413 (the largest an alert webhook takes)", async () => {
    const refused = await rawRequest("POST", "/status/api/v1/alerts/grafana", { body: Buffer.alloc(6 * 1024 * 1024, "a") });
    expect(refused.status).toBe(413);
  });

  it("refuses a method the path does not take by its method, before reading a body however large", async () => {
    const refused = await rawRequest("PUT", "/status/api/v1/alerts/grafana", { body: Buffer.alloc(6 * 1024 * 1024, "a") });
    expect(refused.status).toBe(405);
    // Its unread body is never taken for the next request on a kept-alive connection.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await rawRequest("PUT", "/status/api/v1/alerts/grafana", { agent, body: Buffer.alloc(100_000, "a") })).status).toBe(
      405,
    );
    expect((await rawRequest("GET", "/status/api/v1/pages", { agent })).status).toBe(401);
    agent.destroy();
  });
});

/** A request through node:http (any method, a chosen agent), answered with its status. */
function rawRequest(method: string, path: string, options: { agent?: http.Agent; body?: Buffer } = {}) {
  return new Promise<{ status: number }>((resolve, reject) => {
    const request = http.request(`${origin}${path}`, { method, agent: options.agent }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode! }));
    });
    request.setTimeout(10_000, () => request.destroy(new Error("no answer within 10 s")));
    request.on("error", reject);
    request.end(options.body);
  });
}
