import { getPublicDb } from "../db/read-replica.ts";
import { prerenderMarkdown } from "../markdown/render-pool.ts";
import { buildAtomFeed, buildRssFeed, feedMarkdownSources } from "./feeds.ts";
import { publicRoute } from "./http.ts";
import { getPublicApiData } from "./queries.ts";

const FEEDS = {
  atom: { build: buildAtomFeed, contentType: "application/atom+xml; charset=utf-8" },
  rss: { build: buildRssFeed, contentType: "application/rss+xml; charset=utf-8" },
} as const;

/** The GET/HEAD/OPTIONS handlers of `/history.atom` or `/history.rss`. */
export function feedRoute(format: keyof typeof FEEDS) {
  const { build, contentType } = FEEDS[format];
  return publicRoute(async () => {
    const data = await getPublicApiData(await getPublicDb());
    // Parsed off this thread first (lib/markdown/render-pool.ts).
    await prerenderMarkdown(feedMarkdownSources(data));
    return { body: build(data), contentType };
  });
}
