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

  it("serves the previous copy while a change re-renders, never making the visitor wait", async () => {
    let release: (() => void) | undefined;
    let version = 1;
    const { cache, get } = await start({
      render: (key) =>
        version === 1
          ? Promise.resolve(page(`v1 ${key}`))
          : new Promise((resolve) => {
              release = () => resolve(page(`v${version} ${key}`));
            }),
    });
    await get("/");
    version = 2;
    cache.applyChange({ all: true }, (key) => new Promise((resolve) => (release = () => resolve(page(`v2 ${key}`)))));
    const during = await get("/");
    expect(during.body).toBe("v1 /");
    expect(during.headers["x-upstate-cache"]).toBe("STALE");
    release!();
    await new Promise((r) => setTimeout(r, 50));
    expect((await get("/")).body).toBe("v2 /");
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
