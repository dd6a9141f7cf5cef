import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isPrivatePath, proxy } from "./internal-app.ts";
import { RenderQueue } from "./render-queue.ts";

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

describe("proxy through the render queue", () => {
  it("frees the slot of a visitor who gave up while waiting, so the queue does not stay full", async () => {
    const releases: (() => void)[] = [];
    const appPort = await listen((_req, res) => {
      releases.push(() => res.end("rendered"));
    });
    const queue = new RenderQueue({ concurrency: 1, maxWaiting: 1 });
    const frontPort = await listen((req, res) => {
      void queue.run(() => proxy(req, res, appPort));
    });
    const get = (path: string) => {
      const controller = new AbortController();
      const answer = fetch(`http://127.0.0.1:${frontPort}${path}`, { signal: controller.signal }).then(
        (response) => response.text(),
        () => "aborted",
      );
      return { answer, abort: () => controller.abort() };
    };
    const first = get("/first");
    await new Promise((r) => setTimeout(r, 100));
    const gaveUp = get("/gave-up");
    await new Promise((r) => setTimeout(r, 100));
    expect(queue.isFull()).toBe(true);
    gaveUp.abort();
    await new Promise((r) => setTimeout(r, 100));
    releases.shift()!();
    expect(await first.answer).toBe("rendered");
    expect(await gaveUp.answer).toBe("aborted");
    await new Promise((r) => setTimeout(r, 100));
    expect(queue.size).toBe(0);
    expect(releases).toHaveLength(0);
  });
});

describe("private pages passed through", () => {
  it("are never cacheable, whatever the app said: admin, sign-in, management API, a subscriber's pages", async () => {
    const appPort = await listen((_req, res) => {
      res.writeHead(200, { "cache-control": "public, s-maxage=600", "content-type": "text/plain" });
      res.end("app");
    });
    const frontPort = await listen((req, res) => void proxy(req, res, appPort));
    for (const path of [
      "/admin",
      "/admin/incidents",
      "/status/admin",
      "/api/v1/pages",
      "/api/auth/session",
      "/subscriptions/manage?token=x",
    ]) {
      const response = await fetch(`http://127.0.0.1:${frontPort}${path}`);
      expect(response.headers.get("cache-control"), path).toBe("private, no-store");
    }
    const other = await fetch(`http://127.0.0.1:${frontPort}/_next/static/chunk.js`);
    expect(other.headers.get("cache-control")).toBe("public, s-maxage=600");
    expect(isPrivatePath("/history")).toBe(false);
    expect(isPrivatePath("/administrator")).toBe(false);
  });
});
