import http from "node:http";
import type { AddressInfo } from "node:net";
import type PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { restoreEnv } from "../../tests/support/env.ts";
import { makeIncident, makeStaff } from "../../tests/support/factories.ts";
import type { Db } from "../db/client.ts";
import { startJobQueue } from "../jobs/queue.ts";
import { readPurgeStatus } from "./purge-status.ts";
import { parsePurgeTarget } from "./purge-target.ts";
import { startEdgePurgeWorker } from "./purge-worker.ts";

// The purges a change queues, sent by the worker to Fastly's and Cloudflare's documented APIs
// (a local server standing in for them checks each request: method, path, headers, body).

type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown };

let db: Db;
let url: string;
let boss: PgBoss;
let otherBoss: PgBoss | undefined;
let api: { origin: string; received: Received[]; answer: (status: number, body: object) => void; close: () => Promise<void> };
const stops: (() => Promise<void>)[] = [];
const saved = { ...process.env };

async function startApi() {
  const received: Received[] = [];
  const answers: { status: number; body: object }[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk));
    req.on("end", () => {
      received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: JSON.parse(text || "null") });
      const { status, body } = answers.shift() ?? {
        status: 200,
        body: { status: "ok", success: true, errors: [], messages: [], result: { id: "x" } },
      };
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answer: (status: number, body: object) => answers.push({ status, body }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

beforeAll(async () => {
  ({ db, url } = await ownDatabase());
  boss = await startJobQueue(url);
  api = await startApi();
});

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  // A purge still being retried must not reach the next test's edge.
  await clearPurgeJobs();
  api.received.length = 0;
  restoreEnv(saved);
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await otherBoss?.stop({ graceful: false, wait: true });
  await api?.close();
});

/**
 * Deletes every purge job once no attempt is in flight. A stopped worker may still be finishing
 * one, and pg-boss records a failed attempt by deleting the job and inserting it again: a DELETE
 * that meets that statement misses the new row, which then reached the next test's edge (a
 * second purge there, seen twice in CI).
 */
async function clearPurgeJobs() {
  const count = async (state?: string) => {
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'edge-purge'${state ? ` AND state = '${state}'` : ""}`,
    );
    return row!.n;
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if ((await count("active")) === 0) {
      await db.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = 'edge-purge'`);
      if ((await count()) === 0) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("a purge attempt was still in flight 30 s after its worker stopped");
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function configure(env: Record<string, string>) {
  Object.assign(process.env, { EDGE_PURGE_API_URL: api.origin, ...env });
  return parsePurgeTarget();
}

async function startWorker(target: ReturnType<typeof parsePurgeTarget>, queue = boss) {
  stops.push(await startEdgePurgeWorker({ db, boss: queue, target, pollingIntervalSeconds: 0.5 }));
}

describe("edge purge worker", () => {
  it("purges Fastly by surrogate key: one batch request for changes that came together, with the union of their tags", async () => {
    const target = configure({ EDGE_PURGE: "fastly://SU1Z0isxPaozGVKXdv0eY", FASTLY_API_TOKEN: "fastly-test-token" });
    const actor = await makeStaff(db);
    // Queued before the worker runs: it finds them together.
    const incidents = await Promise.all([1, 2, 3].map(() => makeIncident(db, { actor })));
    await startWorker(target);
    await until(() => api.received.length > 0, "Fastly is called");
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(api.received).toHaveLength(1);
    const [request] = api.received;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe("/service/SU1Z0isxPaozGVKXdv0eY/purge");
    expect(request!.headers["fastly-key"]).toBe("fastly-test-token");
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers.accept).toBe("application/json");
    expect(request!.body).toEqual({
      surrogate_keys: ["summary", ...incidents.map(({ id }) => `incident-${id}`)].sort(),
    });
    const status = await readPurgeStatus(db);
    expect(status?.lastError).toBeNull();
    expect(status?.lastTags).toContain("summary");
  });

  it("purges Cloudflare by tags, and retries a purge that failed, showing the failure until one succeeds", async () => {
    const target = configure({
      EDGE_PURGE: "cloudflare://023e105f4ecef8ad9ca31a8372d0c353",
      CLOUDFLARE_API_TOKEN: "cf-test-token",
    });
    api.answer(500, { success: false, errors: [{ code: 10000, message: "temporarily unavailable" }] });
    await startWorker(target);
    const { id } = await makeIncident(db);
    await until(() => api.received.length >= 1, "Cloudflare is called");
    await until(async () => (await readPurgeStatus(db))?.lastError?.includes("HTTP 500") ?? false, "the failure is recorded");
    // The job comes back after its retry delay, and the next attempt succeeds.
    await until(() => api.received.length >= 2, "the purge is retried");
    await until(async () => (await readPurgeStatus(db))?.lastError === null, "the success is recorded");
    for (const request of api.received) {
      expect(request.method).toBe("POST");
      expect(request.path).toBe("/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache");
      expect(request.headers.authorization).toBe("Bearer cf-test-token");
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.body).toEqual({ tags: [`incident-${id}`, "summary"] });
    }
  });

  it("never fails the write when the purge cannot be sent (nothing listens at the edge's address)", async () => {
    const target = configure({ EDGE_PURGE: "varnish://127.0.0.1:9", EDGE_PURGE_API_URL: "" });
    await startWorker(target);
    const { id } = await makeIncident(db, { name: "Written while the edge is away" });
    expect(await db.incident.findUnique({ where: { id } })).not.toBeNull();
    await until(async () => (await readPurgeStatus(db))?.lastError?.includes("127.0.0.1:9") ?? false, "the failure is recorded");
  });

  it("sends each change's purge once, with two instances' workers on the queue", async () => {
    const target = configure({ EDGE_PURGE: "fastly://service2", FASTLY_API_TOKEN: "t" });
    otherBoss = await startJobQueue(url);
    await startWorker(target);
    await startWorker(target, otherBoss);
    for (let change = 1; change <= 3; change++) {
      await makeIncident(db);
      await until(() => api.received.length >= change, `change ${change} is purged`);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      // Once failed in CI on a loaded machine with a second purge for the first change: what the
      // queue held then says whether a job was retried (a purge thrown) or taken twice.
      const jobs = await db.$queryRawUnsafe(
        `SELECT id, state, retry_count, output, data FROM pgboss.job WHERE name = 'edge-purge' ORDER BY created_on`,
      );
      expect(api.received, JSON.stringify({ received: api.received.map((r) => r.body), jobs })).toHaveLength(change);
    }
  });
});

describe("parsePurgeTarget", () => {
  it("reads each kind of target, and refuses what is incomplete", () => {
    expect(parsePurgeTarget({})).toBeNull();
    expect(parsePurgeTarget({ EDGE_PURGE: "varnish://127.0.0.1:6081,cache2.internal:80" })).toEqual({
      kind: "varnish",
      addresses: [
        { host: "127.0.0.1", port: 6081 },
        { host: "cache2.internal", port: 80 },
      ],
    });
    expect(parsePurgeTarget({ EDGE_PURGE: "fastly://abc", FASTLY_API_TOKEN: "t" })).toMatchObject({
      serviceId: "abc",
      apiOrigin: "https://api.fastly.com",
    });
    expect(() => parsePurgeTarget({ EDGE_PURGE: "fastly://abc" })).toThrow(/FASTLY_API_TOKEN/);
    expect(() => parsePurgeTarget({ EDGE_PURGE: "cloudflare://zone" })).toThrow(/CLOUDFLARE_API_TOKEN/);
    expect(() => parsePurgeTarget({ EDGE_PURGE: "varnish://nohost" })).toThrow(/host:port/);
    expect(() => parsePurgeTarget({ EDGE_PURGE: "akamai://x" })).toThrow(/varnish, fastly or cloudflare/);
  });
});
