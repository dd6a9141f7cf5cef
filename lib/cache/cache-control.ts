// The Cache-Control of every public response (pages, API, feeds, badge, embed): browsers always
// revalidate (max-age=0, cheap with the ETag); a CDN in front may keep a copy for 10 s, serve it
// 30 s more while it refetches, and keep serving it for a day while the origin is down.
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";
