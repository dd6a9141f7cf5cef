import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { chooseVariant, ResponseCache, type Upstream, wholeBodyHeaders } from "./response-cache.ts";

const page = (body: string, status = 200, headers: Record<string, string> = {}): Upstream => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8", ...headers },
  body: Buffer.from(body),
});

function deferred() {
  let resolve!: (u: Upstream) => void;
  const promise = new Promise<Upstream>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("wholeBodyHeaders", () => {
  it("sends a streamed render whole: its own length, none of its connection's headers", () => {
    const headers = wholeBodyHeaders({
      status: 200,
      headers: {
        "transfer-encoding": "chunked",
        connection: "keep-alive",
        "content-type": "application/json",
        "cache-control": "x",
      },
      body: Buffer.from("{}"),
    });
    expect(headers).toEqual({ "content-type": "application/json", "cache-control": "x", "content-length": 2 });
  });
});

describe("ResponseCache", () => {
  it("stores a page once, compressed, with an ETag per encoding", async () => {
    const cache = new ResponseCache();
    await cache.refresh("/", async () => page("<h1>ok</h1>"));
    const entry = cache.get("/")!;
    expect(gunzipSync(entry.gzip.body).toString()).toBe("<h1>ok</h1>");
    expect(chooseVariant(entry, "gzip, deflate, br").encoding).toBe("br");
    expect(chooseVariant(entry, "gzip").encoding).toBe("gzip");
    expect(chooseVariant(entry, undefined).variant.body.toString()).toBe("<h1>ok</h1>");
    expect(new Set([entry.identity.etag, entry.gzip.etag, entry.br.etag]).size).toBe(3);
  });

  it("never stores errors or responses that set cookies", async () => {
    const cache = new ResponseCache();
    await cache.refresh("/", async () => page("boom", 500));
    await cache.refresh("/history", async () => page("hi", 200, { "set-cookie": "a=b" }));
    expect(cache.size).toBe(0);
  });

  it("shares one render between concurrent requests", async () => {
    const cache = new ResponseCache();
    let renders = 0;
    const render = async () => {
      renders++;
      return page("x");
    };
    await Promise.all([cache.refresh("/", render), cache.refresh("/", render), cache.refresh("/", render)]);
    expect(renders).toBe(1);
  });

  it("does not let a render that began before a change pass for fresh after it", async () => {
    const cache = new ResponseCache();
    await cache.refresh("/", async () => page("v1"));
    cache.invalidate({ all: true });
    const slow = deferred();
    const first = cache.refresh("/", () => slow.promise);
    // The page changes again while the first re-render is under way.
    cache.invalidate({ incidentIds: ["a"] });
    const second = cache.refresh("/", async () => page("v3"));
    slow.resolve(page("v2"));
    await Promise.all([first, second]);
    const entry = cache.get("/")!;
    expect(entry.identity.body.toString()).toBe("v3");
    expect(entry.invalidated).toBe(false);
  });

  it("keeps a render that began before a change marked stale", async () => {
    const cache = new ResponseCache();
    const slow = deferred();
    const pending = cache.refresh("/", () => slow.promise);
    cache.invalidate({ all: true });
    slow.resolve(page("old"));
    await pending;
    expect(cache.get("/")!.invalidated).toBe(true);
  });

  it("drops only the affected incident pages", async () => {
    const cache = new ResponseCache();
    for (const key of ["/", "/incidents/a", "/incidents/b"]) await cache.refresh(key, async () => page(key));
    expect(cache.invalidate({ incidentIds: ["a"] }).sort()).toEqual(["/", "/incidents/a"]);
    expect(cache.get("/incidents/b")!.invalidated).toBe(false);
  });

  it("ages entries and evicts the oldest beyond its size", async () => {
    let now = 0;
    const cache = new ResponseCache({ maxEntries: 2, maxAgeMs: 1000, now: () => now });
    await cache.refresh("/a", async () => page("a"));
    await cache.refresh("/b", async () => page("b"));
    await cache.refresh("/c", async () => page("c"));
    expect(cache.get("/a")).toBeUndefined();
    now = 1500;
    expect(cache.isAged(cache.get("/b")!)).toBe(true);
  });
});

describe("ResponseCache snapshot and restore", () => {
  it("carries the last good pages to another cache, served at once and re-rendered on first use", async () => {
    const cache = new ResponseCache();
    await cache.refresh("/", async () => page("<h1>home</h1>", 200, { "x-extra": "1" }));
    await cache.refresh("/history", async () => page("<h1>history</h1>"));
    cache.invalidate({ all: true });
    const entries = cache.snapshot();
    expect(entries.map((e) => e.key).sort()).toEqual(["/", "/history"]);
    expect(entries.find((e) => e.key === "/")).toMatchObject({ status: 200, headers: { "x-extra": "1" } });

    const restored = new ResponseCache();
    await restored.refresh("/history", async () => page("<h1>newer</h1>"));
    await restored.restore(entries);
    const home = restored.get("/")!;
    expect(home.identity.body.toString()).toBe("<h1>home</h1>");
    expect(gunzipSync(home.gzip.body).toString()).toBe("<h1>home</h1>");
    expect(restored.isServable(home)).toBe(true);
    expect(restored.isAged(home)).toBe(true);
    expect(restored.get("/history")!.identity.body.toString()).toBe("<h1>newer</h1>");
  });
});
