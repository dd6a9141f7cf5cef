import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keepPageSnapshot, loadPageSnapshot, publicSurfaceKeys, savePageSnapshot } from "./page-snapshot.ts";
import { ResponseCache } from "./response-cache.ts";

const page = (body: string, status = 200) => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8" },
  body: Buffer.from(body),
});

async function scratchFile() {
  return path.join(await mkdtemp(path.join(os.tmpdir(), "upstate-snapshot-")), "public-pages.json");
}

describe("the saved public pages", () => {
  it("keep the good responses only, and come back as they were, aged so they are rendered anew", async () => {
    const now = { value: 1_000_000 };
    const cache = new ResponseCache({ maxBytes: 1_000_000, maxAgeMs: 30_000, now: () => now.value });
    await cache.store("/", page("<h1>All good</h1>"));
    await cache.store("/incidents/gone", page("not found", 404));
    const file = await scratchFile();
    await savePageSnapshot(file, cache.snapshot());
    // Written whole: no temporary file is left beside it.
    expect(await readdir(path.dirname(file))).toEqual(["public-pages.json"]);

    now.value += 3_600_000;
    const restarted = new ResponseCache({ maxBytes: 1_000_000, maxAgeMs: 30_000, now: () => now.value });
    await restarted.restore(await loadPageSnapshot(file));
    const restored = restarted.get("/")!;
    expect(restored.identity.body.toString()).toBe("<h1>All good</h1>");
    expect(restored.br.hitHeaders["content-encoding"]).toBe("br");
    expect(restored.identity.etag).toBe(cache.get("/")!.identity.etag);
    expect(restarted.isAged(restored)).toBe(true);
    expect(restarted.get("/incidents/gone")).toBeUndefined();
  });

  it("never replace a response the new process rendered itself", async () => {
    const cache = new ResponseCache();
    await cache.store("/", page("fresh"));
    await cache.restore([{ key: "/", status: 200, headers: {}, body: Buffer.from("saved") }]);
    expect(cache.get("/")!.identity.body.toString()).toBe("fresh");
  });

  it("start empty from a missing or damaged file", async () => {
    const file = await scratchFile();
    expect(await loadPageSnapshot(file)).toEqual([]);
    await writeFile(file, '{"version":1,"entries":[{"key":"/"');
    expect(await loadPageSnapshot(file)).toEqual([]);
  });

  it("are saved after a change, and on close", async () => {
    const file = await scratchFile();
    const cache = new ResponseCache();
    const kept = await keepPageSnapshot({ cache, file, delayMs: 10, minIntervalMs: 10 });
    await cache.store("/badge.svg", page("<svg/>"));
    kept.changed();
    await expect.poll(async () => (await loadPageSnapshot(file)).map((entry) => entry.key)).toEqual(["/badge.svg"]);
    await cache.store("/history", page("<h1>History</h1>"));
    kept.changed();
    await kept.close();
    expect((await loadPageSnapshot(file)).map((entry) => entry.key).sort()).toEqual(["/badge.svg", "/history"]);
  });

  it("cover every public surface under the base path", () => {
    expect(publicSurfaceKeys("/status")).toContain("/status");
    expect(publicSurfaceKeys("/status")).toContain("/status/api/v2/summary.json");
    expect(publicSurfaceKeys("")).toContain("/history.atom");
  });
});
