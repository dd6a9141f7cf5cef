import { describe, expect, it } from "vitest";
import type { PublicChange } from "../cache/public-change.ts";
import { summaryKeys } from "../server/cache-policy.ts";
import { ResponseCache, type Upstream } from "../server/response-cache.ts";
import { isValidTag, tagsForChange, tagsForKey, unionOfTags } from "./cache-tags.ts";

const page = (): Upstream => ({
  status: 200,
  headers: { "content-type": "text/html; charset=utf-8" },
  body: Buffer.from("<p>x</p>"),
});

// Every kind of key the response cache holds, at the root and under a base path.
const KEYS = ["", "/status"].flatMap((base) => [
  ...summaryKeys(base),
  `${base}/history?page=2`,
  `${base}/history?component=api`,
  `${base}/history?page=3&component=api`,
  `${base}/incidents/inc1`,
  `${base}/incidents/inc2`,
  `${base}/incidents/inc3`,
]);

// Every kind of change the writes in lib/ declare.
const CHANGES: PublicChange[] = [
  {},
  { all: true },
  { incidentIds: [] },
  { incidentIds: ["inc1"] },
  { incidentIds: ["inc1", "inc2"] },
  { incidentIds: ["inc9"] },
  { all: true, incidentIds: ["inc1"] },
];

async function filledCache(): Promise<ResponseCache> {
  const cache = new ResponseCache({ maxAgeMs: 60_000 });
  for (const key of KEYS) await cache.refresh(key, async () => page());
  return cache;
}

/** The keys whose stored responses carry one of the tags, read from the headers sent to the edge. */
function keysTaggedWith(cache: ResponseCache, tags: string[]): string[] {
  return KEYS.filter((key) => {
    const headers = cache.get(key)!.identity.hitHeaders;
    const surrogateKeys = String(headers["surrogate-key"]).split(" ");
    const cacheTags = String(headers["cache-tag"]).split(",");
    expect(cacheTags).toEqual(surrogateKeys);
    return surrogateKeys.some((tag) => tags.includes(tag));
  });
}

describe("cache tags", () => {
  it("for every kind of change, the server's own cache drops exactly the responses whose tags the edge purge names", async () => {
    for (const change of CHANGES) {
      const cache = await filledCache();
      const dropped = cache.invalidate(change).sort();
      expect(dropped, JSON.stringify(change)).toEqual(keysTaggedWith(cache, tagsForChange(change)).sort());
    }
  });

  it("drops every page listing incidents on any change, but only the changed incidents' own pages", async () => {
    const cache = await filledCache();
    const dropped = cache.invalidate({ incidentIds: ["inc1"] });
    expect(dropped).toContain("/");
    expect(dropped).toContain("/status/api/v2/summary.json");
    expect(dropped).toContain("/history?page=3&component=api");
    expect(dropped).toContain("/incidents/inc1");
    expect(dropped).not.toContain("/incidents/inc2");
    expect(cache.invalidate({ all: true })).toHaveLength(KEYS.length);
  });

  it("names each response's kind, for purging by hand", () => {
    expect(tagsForKey("/")).toEqual(["upstate", "summary", "page"]);
    expect(tagsForKey("/status")).toEqual(["upstate", "summary", "page"]);
    expect(tagsForKey("/status/api/v2/incidents/unresolved.json")).toEqual(["upstate", "summary", "api"]);
    expect(tagsForKey("/history.rss")).toEqual(["upstate", "summary", "feed"]);
    expect(tagsForKey("/history?page=2")).toEqual(["upstate", "summary", "history"]);
    expect(tagsForKey("/badge.svg")).toEqual(["upstate", "summary", "badge"]);
    expect(tagsForKey("/incidents/abc")).toEqual(["upstate", "incident-abc", "incident"]);
  });

  it("coalesces several changes' tags into one purge, everything when one of them changed everything", () => {
    expect(unionOfTags([tagsForChange({ incidentIds: ["b"] }), tagsForChange({ incidentIds: ["a", "b"] })])).toEqual([
      "incident-a",
      "incident-b",
      "summary",
    ]);
    expect(unionOfTags([tagsForChange({ incidentIds: ["a"] }), tagsForChange({ all: true })])).toEqual(["upstate"]);
    for (const key of KEYS) expect(tagsForKey(key).every(isValidTag)).toBe(true);
  });
});
