import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { RenderQueue } from "./render-queue.ts";
import { acceptedEncodings, chooseVariant, ResponseCache, type Upstream, wholeBodyHeaders } from "./response-cache.ts";

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

describe("acceptedEncodings", () => {
  it("honours q-values: q=0 refuses an encoding", () => {
    expect([...acceptedEncodings("gzip, br;q=0")]).toEqual(["gzip"]);
    expect([...acceptedEncodings("br;q=0, gzip;q=0")]).toEqual([]);
    expect([...acceptedEncodings("BR; q=0.5")]).toEqual(["br"]);
    expect([...acceptedEncodings("*")]).toEqual(["br", "gzip"]);
    expect([...acceptedEncodings("*, br;q=0")]).toEqual(["gzip"]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
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
    const cache = new ResponseCache({ onFailure: () => {} });
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

  it("ages entries", async () => {
    let now = 0;
    const cache = new ResponseCache({ maxAgeMs: 1000, now: () => now });
    await cache.refresh("/b", async () => page("b"));
    expect(cache.isFresh(cache.get("/b")!)).toBe(true);
    now = 1500;
    expect(cache.isAged(cache.get("/b")!)).toBe(true);
    expect(cache.isFresh(cache.get("/b")!)).toBe(false);
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
    expect(restored.isAged(home)).toBe(true);
    expect(restored.get("/history")!.identity.body.toString()).toBe("<h1>newer</h1>");
  });
});

describe("ResponseCache under attack", () => {
  const quiet = { onFailure: () => {} };

  it("is bounded by the bytes of its bodies, dropping the least recently used first", async () => {
    const body = "x".repeat(10_000);
    const cache = new ResponseCache({ maxBytes: 50_000, ...quiet });
    for (let i = 0; i < 40; i++) {
      await cache.refresh(`/incidents/i${i}`, async () => page(`${i}${body}`));
      // A page read often is the last to go.
      cache.get("/incidents/i0");
    }
    expect(cache.bytes).toBeLessThanOrEqual(50_000);
    expect(cache.size).toBeLessThan(40);
    expect(cache.get("/incidents/i0")).toBeDefined();
    expect(cache.get("/incidents/i1")).toBeUndefined();
    expect(cache.get("/incidents/i39")).toBeDefined();
  });

  it("keeps the summary pages through a flood of other pages", async () => {
    const pinnedKeys = ["/", "/history", "/api/v2/summary.json", "/api/v2/status.json", "/badge.svg"];
    const cache = new ResponseCache({ maxBytes: 5_000, pinnedKeys, ...quiet });
    for (const key of pinnedKeys) await cache.refresh(key, async () => page(`summary ${key}`));
    for (let i = 0; i < 300; i++) {
      await cache.refresh(`/incidents/flood${i}`, async () => page(`${i}${"y".repeat(1_000)}`));
    }
    for (const key of pinnedKeys) expect(cache.get(key)?.identity.body.toString()).toBe(`summary ${key}`);
  });

  it("never stores a 404, and a 404 removes the copy of a page that is gone", async () => {
    const cache = new ResponseCache(quiet);
    for (let i = 0; i < 100; i++) await cache.refresh(`/api/v2/made-up-${i}.json`, async () => page("{}", 404));
    expect(cache.size).toBe(0);
    await cache.refresh("/incidents/a", async () => page("incident a"));
    await cache.refresh("/incidents/a", async () => page("not found", 404));
    expect(cache.get("/incidents/a")).toBeUndefined();
  });

  it("keeps the last good 200 when re-rendering fails, and spaces out retries", async () => {
    let now = 0;
    const failures: string[] = [];
    const cache = new ResponseCache({ now: () => now, retryAfterFailureMs: 5_000, onFailure: (key) => failures.push(key) });
    await cache.refresh("/", async () => page("good"));
    cache.invalidate({ all: true });
    await cache.refresh("/", async () => page("database down", 500));
    await cache.refresh("/", async () => {
      throw new Error("connection refused");
    });
    expect(cache.get("/")!.identity.body.toString()).toBe("good");
    expect(failures).toEqual(["/", "/"]);

    let renders = 0;
    const render = async () => {
      renders++;
      return page("back");
    };
    now = 1_000;
    cache.refreshInBackground("/", render);
    expect(renders).toBe(0);
    now = 6_000;
    cache.refreshInBackground("/", render);
    await new Promise((r) => setTimeout(r, 50));
    expect(renders).toBe(1);
    expect(cache.get("/")!.identity.body.toString()).toBe("back");
  });

  it("does not cache a page under a key other than the one it declares (an unknown filter)", async () => {
    const cache = new ResponseCache(quiet);
    const history = (key: string) =>
      page(`<meta name="upstate-cache-key" content="${key.replace("&", "&amp;")}"/><h1>history</h1>`);
    await cache.refresh("/history?component=junk", async () => history("/history"));
    await cache.refresh("/history?page=2&component=real", async () => history("/history?page=2&component=real"));
    expect(cache.get("/history?component=junk")).toBeUndefined();
    expect(cache.get("/history?page=2&component=real")).toBeDefined();
  });

  it("re-renders the summary pages being read and the changed incident at once, the rest when asked for", async () => {
    const pinnedKeys = ["/", "/api/v2/summary.json", "/history.atom"];
    const cache = new ResponseCache({ pinnedKeys, ...quiet });
    const keys = [...pinnedKeys, "/incidents/a", "/incidents/b"];
    for (let i = 0; i < 50; i++) keys.push(`/history?component=c${i}`);
    for (const key of keys) await cache.refresh(key, async () => page(`old ${key}`));
    // Read since their render: the crowd is on them. The feed nobody read since waits for a reader.
    cache.get("/");
    cache.get("/api/v2/summary.json");

    const rendered: string[] = [];
    const { eager, lazy } = cache.applyChange({ incidentIds: ["a"] }, async (key) => {
      rendered.push(key);
      return page(`new ${key}`);
    });
    expect(eager.sort()).toEqual(["/", "/api/v2/summary.json", "/incidents/a"]);
    expect(lazy).toHaveLength(51);
    expect(lazy).toContain("/history.atom");
    await new Promise((r) => setTimeout(r, 50));
    expect(rendered.sort()).toEqual(eager);
    // The others are still served, marked stale, until someone asks for them.
    const other = cache.get("/history?component=c7")!;
    expect(other.identity.body.toString()).toBe("old /history?component=c7");
    expect(other.invalidated).toBe(true);
    expect(cache.get("/incidents/b")!.invalidated).toBe(false);
  });

  it("coalesces a burst of changes into one more render", async () => {
    const cache = new ResponseCache(quiet);
    await cache.refresh("/", async () => page("v0"));
    let renders = 0;
    const slow = deferred();
    const render = () => {
      renders++;
      return renders === 1 ? slow.promise : Promise.resolve(page(`v${renders}`));
    };
    cache.invalidate({ all: true });
    const calls = [cache.refresh("/", render)];
    for (let i = 0; i < 20; i++) {
      cache.invalidate({ all: true });
      calls.push(cache.refresh("/", render));
    }
    slow.resolve(page("v1"));
    await Promise.all(calls);
    expect(renders).toBe(2);
    expect(cache.get("/")!.identity.body.toString()).toBe("v2");
    expect(cache.get("/")!.invalidated).toBe(false);
  });

  it("after a change, lets requests wait for a stale page's new render, even when an earlier change left it stale", async () => {
    let now = 0;
    const cache = new ResponseCache({ now: () => now, changeWaitMs: 1_000, ...quiet });
    await cache.refresh("/history", async () => page("v0"));
    const history = () => cache.get("/history")!;

    // A change nobody looks at within the wait: the copy stays stale, and waiting is over.
    cache.applyChange({ all: true }, async () => page("unused"));
    now = 500;
    expect(cache.mayWaitForChange("/history", history())).toBe(true);
    now = 60_000;
    expect(cache.mayWaitForChange("/history", history())).toBe(false);

    // A later change to the same stale copy: whoever reloads it now waits for it again.
    cache.applyChange({ all: true }, async () => page("unused"));
    now = 60_500;
    expect(cache.mayWaitForChange("/history", history())).toBe(true);

    // A change while its render is under way does not start a new wait (a stream of changes).
    const slow = deferred();
    const rendering = cache.refresh("/history", () => slow.promise);
    now = 62_000;
    cache.applyChange({ all: true }, async () => page("unused"));
    expect(cache.mayWaitForChange("/history", history())).toBe(false);
    // That render's copy is stored stale and served at once, until a change finds it idle.
    slow.resolve(page("v1"));
    await rendering;
    expect(history().invalidated).toBe(true);
    expect(cache.mayWaitForChange("/history", history())).toBe(false);
    now = 63_000;
    cache.applyChange({ all: true }, async () => page("unused"));
    expect(cache.mayWaitForChange("/history", history())).toBe(true);
  });

  it("has the first reader of a summary page nobody read since the change wait for its render, however late", async () => {
    let now = 0;
    const cache = new ResponseCache({ now: () => now, changeWaitMs: 1_000, pinnedKeys: ["/api/v2/status.json"], ...quiet });
    await cache.refresh("/api/v2/status.json", async () => page("operational"));
    const { lazy } = cache.applyChange({ all: true }, async () => page("unused"));
    expect(lazy).toEqual(["/api/v2/status.json"]);
    // A monitor polling once a minute comes 30 s after the change: it gets the new page.
    now = 30_000;
    const entry = cache.get("/api/v2/status.json")!;
    expect(cache.mayWaitForChange("/api/v2/status.json", entry)).toBe(true);
    const answer = await cache.waitForChange("/api/v2/status.json", entry, async () => page("major outage"));
    expect(answer !== "late" && answer?.body.toString()).toBe("major outage");
    const stored = cache.get("/api/v2/status.json")!;
    expect(stored.identity.body.toString()).toBe("major outage");
    expect(stored.invalidated).toBe(false);
    // Read since its render: the next change re-renders it at once.
    expect(cache.applyChange({ all: true }, async () => page("again")).eager).toEqual(["/api/v2/status.json"]);
  });

  it("renders a few at a time and says when its queue is full", async () => {
    const queue = new RenderQueue({ concurrency: 2, maxWaiting: 3 });
    const cache = new ResponseCache({ queue, ...quiet });
    let running = 0;
    let mostAtOnce = 0;
    const gates: (() => void)[] = [];
    const render = (key: string) => () =>
      new Promise<Upstream>((resolve) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        gates.push(() => {
          running--;
          resolve(page(key));
        });
      });
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 5; i++) {
      expect(queue.isFull()).toBe(false);
      pending.push(cache.refresh(`/incidents/q${i}`, render(`/incidents/q${i}`)));
    }
    expect(queue.isFull()).toBe(true);
    // A request for a page already rendering joins it; a background refresh waits for a later request.
    expect(cache.isRendering("/incidents/q4")).toBe(true);
    await cache.store("/", page("/"));
    cache.invalidate({ all: true });
    cache.refreshInBackground("/", async () => page("/"));
    expect(cache.isRendering("/")).toBe(false);
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(pending);
    expect(mostAtOnce).toBe(2);
    expect(queue.isFull()).toBe(false);
    expect(cache.size).toBe(6);
    expect(cache.get("/")!.invalidated).toBe(true);
  });
});
