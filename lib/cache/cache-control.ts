// The Cache-Control of every public response (pages, API, feeds, badge, embed): browsers always
// revalidate (max-age=0, cheap with the ETag); a CDN in front may keep a copy for 10 s, serve it
// 30 s more while it refetches, and keep serving it for a day while the origin is down.
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";

// With an edge that Upstate purges on every change (EDGE_PURGE), the edge may keep a copy for an
// hour: a change reaches it by purge, within a second or two. Not longer: some of a page changes
// with time alone (today's uptime bar, "upcoming" maintenance), which no purge announces.
export const PURGED_EDGE_CACHE_CONTROL = "public, max-age=0, s-maxage=3600, stale-while-revalidate=30, stale-if-error=86400";

// A copy the server knows is out of date (a change came, its re-render is under way) is served
// rather than make a visitor wait, but an edge must not keep it: a purge that has just emptied
// the edge would otherwise be refilled with the old page. The edge asks again on the next request.
export const STALE_CACHE_CONTROL = "public, max-age=0, s-maxage=0, stale-while-revalidate=0, stale-if-error=86400";

/** The Cache-Control of a fresh public response, for an edge that is purged or not. */
export function publicCacheControl(edgePurged: boolean): string {
  return edgePurged ? PURGED_EDGE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL;
}
