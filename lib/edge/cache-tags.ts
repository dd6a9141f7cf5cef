import type { PublicChange } from "../cache/public-change.ts";

// Cache tags: the one statement of what a change makes stale. A cached public response carries
// the tags of its key (sent as `Surrogate-Key` and `Cache-Tag`, so that Varnish, Fastly or
// Cloudflare can drop it by tag), a change names the tags it purges, and a response is affected
// by a change exactly when they share one. The in-process cache decides with the same two
// functions (`isAffected`), so the edge drops exactly what the server itself re-renders.
//
// The tags:
//   upstate         every public response (a change to everything: settings, components)
//   summary         every response that shows all incidents: status page, history, API, feeds, badge
//   incident-<id>   the page of one incident or maintenance
//   page, history, api, feed, badge, embed, incident
//                   the kind of response, never purged by Upstate, for purging by hand

/** Every public response carries this one: purging it empties the edge of Upstate's pages. */
export const EVERYTHING_TAG = "upstate";
const SUMMARY_TAG = "summary";

// An incident page's key, under any base path; API keys end in `.json`, so never match.
const INCIDENT_KEY = /\/incidents\/([A-Za-z0-9]{1,40})$/;

/** The id in an incident page's key, or null for any other key. */
export function incidentIdOfKey(key: string): string | null {
  return INCIDENT_KEY.exec(key)?.[1] ?? null;
}

/** The kind of a cached response, from its key (a path, with its query, under any base path). */
function kindOf(key: string): string {
  const path = key.split("?", 1)[0]!;
  if (path.includes("/api/v2/")) return "api";
  if (path.endsWith("/history.atom") || path.endsWith("/history.rss")) return "feed";
  if (path.endsWith("/history")) return "history";
  if (path.endsWith("/badge.svg")) return "badge";
  if (path.endsWith("/embed.js")) return "embed";
  return "page";
}

/** The tags of the response cached under `key` (a key from `cacheKeyFor`). */
export function tagsForKey(key: string): string[] {
  const incidentId = incidentIdOfKey(key);
  if (incidentId !== null) return [EVERYTHING_TAG, `incident-${incidentId}`, "incident"];
  // The status page, history, API, feeds and badge show every incident.
  return [EVERYTHING_TAG, SUMMARY_TAG, kindOf(key)];
}

/** The tags a change purges: what every response it affects carries. */
export function tagsForChange(change: PublicChange): string[] {
  if (change.all) return [EVERYTHING_TAG];
  const incidentIds = new Set(change.incidentIds ?? []);
  return [SUMMARY_TAG, ...[...incidentIds].map((id) => `incident-${id}`)];
}

/** Whether a change makes the response cached under `key` stale: they share a tag. */
export function isAffectedByTags(key: string, change: PublicChange): boolean {
  const purged = tagsForChange(change);
  return tagsForKey(key).some((tag) => purged.includes(tag));
}

/** The union of several changes' tags, `upstate` alone when one of them purges everything. */
export function unionOfTags(tagLists: Iterable<readonly string[]>): string[] {
  const union = new Set<string>();
  for (const tags of tagLists) for (const tag of tags) union.add(tag);
  return union.has(EVERYTHING_TAG) ? [EVERYTHING_TAG] : [...union].sort();
}

/** A tag as the edge may be given it: letters, digits, `-` and `_` (ids are cuids). */
export function isValidTag(tag: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(tag);
}
