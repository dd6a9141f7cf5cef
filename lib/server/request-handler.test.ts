import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RenderQueue } from "./render-queue.ts";
import { createRequestHandler } from "./request-handler.ts";
import { ResponseCache, type Upstream } from "./response-cache.ts";

// The front server's handler over real HTTP, with a stand-in for the Next.js renderer behind it.

const page = (body: string, status = 200, headers: Record<string, string> = {}): Upstream => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8", ...headers },
  body: Buffer.from(body),
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function start(options: { render: (key: string) => Promise<Upstream>; cache?: ResponseCache; passed?: string[] }) {
  const cache = options.cache ?? new ResponseCache({ pinnedKeys: ["/"], onFailure: () => {} });
  const handler = createRequestHandler({
    cache,
    basePath: "",
    render: options.render,
    pass: async (req, res) => {
      options.passed?.push(req.url ?? "");
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("passed");
    },
    api: async (req, res) => {
      res.writeHead(401, { "content-type": "text/plain" });
      res.end(`api ${req.url}`);
    },
  });
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString("latin1") }),
          );
        })
        .on("error", reject);
    });
  return { cache, get };
}

describe("the front server's request handler", () => {
  it("sends no brotli to a client that refuses it with q=0", async () => {
    const { get } = await start({ render: async () => page("<h1>home</h1>") });
    await get("/");
    const refused = await get("/", { "accept-encoding": "br;q=0, gzip" });
    expect(refused.headers["content-encoding"]).toBe("gzip");
    const none = await get("/", { "accept-encoding": "br;q=0" });
    expect(none.headers["content-encoding"]).toBeUndefined();
    expect(none.body).toBe("<h1>home</h1>");
  });

  it("redirects `//history` to /history instead of serving the home page", async () => {
    const { get } = await start({ render: async (key) => page(`<h1>${key}</h1>`) });
    await get("/");
    const answer = await get("//history?page=2");
    expect(answer.status).toBe(308);
    expect(answer.headers.location).toBe("/history?page=2");
    expect(answer.body).not.toContain("<h1>/</h1>");
  });

  it("keeps the API's 404 `no-store`, and does not cache it", async () => {
    let renders = 0;
    const { cache, get } = await start({
      render: async () => {
        renders++;
        return page('{"error":{}}', 404, { "content-type": "application/json", "cache-control": "no-store" });
      },
    });
    // An endpoint the cache keeps, answering 404 (as while an incident is being deleted, say).
    for (let i = 0; i < 3; i++) {
      const answer = await get("/api/v2/summary.json");
      expect(answer.status).toBe(404);
      expect(answer.headers["cache-control"]).toBe("no-store");
    }
    expect(renders).toBe(3);
    expect(cache.size).toBe(0);
  });

  it("after a change, answers with the new render when it comes within the wait, shared by everyone asking", async () => {
    let renders = 0;
    let release: (() => void) | undefined;
    const cache = new ResponseCache({ pinnedKeys: ["/"], onFailure: () => {}, changeWaitMs: 10_000 });
    const { get } = await start({
      cache,
      render: (key) => {
        renders++;
        return renders === 1
          ? Promise.resolve(page(`v1 ${key}`))
          : new Promise((resolve) => {
              release = () => resolve(page(`v2 ${key}`));
            });
      },
    });
    await get("/");
    cache.applyChange({ all: true }, (key) => {
      renders++;
      return new Promise((resolve) => (release = () => resolve(page(`v2 ${key}`))));
    });
    const answers = [get("/"), get("/"), get("/")];
    await new Promise((r) => setTimeout(r, 50));
    release!();
    for (const answer of await Promise.all(answers)) {
      expect(answer.body).toBe("v2 /");
      expect(answer.headers["x-upstate-cache"]).toBe("MISS");
    }
    expect(renders).toBe(2);
    expect((await get("/")).headers["x-upstate-cache"]).toBe("HIT");
  });

  it("serves the previous copy, marked STALE, when the new render outlasts the wait, and at once after that", async () => {
    let release: (() => void) | undefined;
    const cache = new ResponseCache({ pinnedKeys: ["/"], onFailure: () => {}, changeWaitMs: 100 });
    const { get } = await start({ cache, render: (key) => Promise.resolve(page(`v1 ${key}`)) });
    await get("/");
    cache.applyChange({ all: true }, (key) => new Promise((resolve) => (release = () => resolve(page(`v2 ${key}`)))));
    const waited = Date.now();
    const during = await get("/");
    expect(Date.now() - waited).toBeGreaterThanOrEqual(90);
    expect(during.body).toBe("v1 /");
    expect(during.headers["x-upstate-cache"]).toBe("STALE");
    // Past the wait, nobody waits: the same render is still under way.
    const after = await get("/");
    expect(after.body).toBe("v1 /");
    expect(after.headers["x-upstate-cache"]).toBe("STALE");
    release!();
    await expect.poll(async () => (await get("/")).body).toBe("v2 /");
  });

  it("under a stream of changes, a visitor waits at most once per copy: a copy stored stale is served at once", async () => {
    let version = 0;
    const releases: (() => void)[] = [];
    // Counts the requests that wait, to know when the first one is waiting.
    class WatchedCache extends ResponseCache {
      waits = 0;
      override waitForChange(...args: Parameters<ResponseCache["waitForChange"]>) {
        this.waits++;
        return super.waitForChange(...args);
      }
    }
    const cache = new WatchedCache({ pinnedKeys: ["/"], onFailure: () => {}, changeWaitMs: 10_000 });
    const render = (key: string) => {
      const v = ++version;
      return v === 1
        ? Promise.resolve(page(`v1 ${key}`))
        : new Promise<Upstream>((resolve) => releases.push(() => resolve(page(`v${v} ${key}`))));
    };
    const { get } = await start({ cache, render });
    await get("/");
    cache.applyChange({ all: true }, render);
    const waiting = get("/");
    await expect.poll(() => cache.waits).toBe(1);
    // A second change while the first's render runs: that render's copy is stale when stored.
    cache.applyChange({ all: true }, render);
    releases.shift()!();
    const first = await waiting;
    expect(first.body).toBe("v2 /");
    expect(first.headers["x-upstate-cache"]).toBe("STALE");
    // Nobody waits for the next render: the copy stored stale is served at once.
    const next = await get("/");
    expect(next.body).toBe("v2 /");
    expect(next.headers["x-upstate-cache"]).toBe("STALE");
    await expect.poll(() => releases.length).toBe(1);
    releases.shift()!();
    await expect.poll(async () => (await get("/")).body).toBe("v3 /");
  });

  it("after a change, serves the last good copy when its new render fails (the database is down)", async () => {
    let failing = false;
    const cache = new ResponseCache({ pinnedKeys: ["/"], onFailure: () => {}, changeWaitMs: 10_000 });
    const { get } = await start({
      cache,
      render: (key) => Promise.resolve(failing ? page("error", 500) : page(`v1 ${key}`)),
    });
    await get("/history");
    failing = true;
    cache.applyChange({ all: true }, () => Promise.resolve(page("error", 500)));
    const answer = await get("/history");
    expect(answer.status).toBe(200);
    expect(answer.body).toBe("v1 /history");
    expect(answer.headers["x-upstate-cache"]).toBe("STALE");
  });

  it("sheds uncached pages with a fast 503 when the render queue is full, still serving cached ones", async () => {
    const queue = new RenderQueue({ concurrency: 1, maxWaiting: 2 });
    const cache = new ResponseCache({ queue, pinnedKeys: ["/"], onFailure: () => {} });
    const gates: (() => void)[] = [];
    const passed: string[] = [];
    const { get } = await start({
      cache,
      passed,
      render: (key) =>
        key === "/"
          ? Promise.resolve(page("home"))
          : new Promise((resolve) => gates.push(() => resolve(page(`incident ${key}`)))),
    });
    await get("/");
    const waiting = [get("/incidents/a"), get("/incidents/b"), get("/incidents/c")];
    await new Promise((r) => setTimeout(r, 100));
    expect(queue.isFull()).toBe(true);

    const shed = await get("/incidents/d");
    expect(shed.status).toBe(503);
    expect(shed.headers["retry-after"]).toBeDefined();
    const unknown = await get("/made-up-path");
    expect(unknown.status).toBe(503);
    expect(passed).toEqual([]);
    // The write API has its own handler, with or without a key, queue full or not.
    const client = await get("/api/v1/pages/upstate/incidents", { authorization: "OAuth some-key" });
    expect(client.body).toBe("api /api/v1/pages/upstate/incidents");
    expect((await get("/api/v1")).body).toBe("api /api/v1");
    expect(passed).toEqual([]);
    expect((await get("/")).body).toBe("home");

    while (gates.length || waiting.length) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 20));
      if (!gates.length) break;
    }
    expect((await Promise.all(waiting)).map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect((await get("/made-up-path")).body).toBe("passed");
  });
});
