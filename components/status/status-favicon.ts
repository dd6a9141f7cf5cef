import type { Indicator, OverallStatus } from "@/lib/components/overall-status.ts";

// The browser tab is what an on-call engineer glances at: its icon and title carry the overall
// status. Both are in the page's HTML (public pages are served whole from the response cache, so
// no per-request script could set them), the icon as a data URI so that it needs no request.

const FILL: Record<Indicator, string> = {
  none: "#15803d",
  minor: "#a16207",
  major: "#c2410c",
  critical: "#b91c1c",
  maintenance: "#1d4ed8",
};

const MARK: Record<Indicator, string> = {
  none: "M9 17l4.5 4.5L23 11", // check
  minor: "M16 8v10M16 24h.01", // exclamation
  major: "M16 8v10M16 24h.01",
  critical: "M10.5 10.5l11 11M21.5 10.5l-11 11", // cross
  maintenance: "M10 16h12M16 10v12",
};

/** A 32×32 rounded square in the indicator's colour with its mark, as an SVG data URI. */
export function statusFaviconUri(indicator: Indicator): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="${FILL[indicator]}"/><path d="${MARK[indicator]}" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** `⚠ Partial System Outage · Acme Status`; just `Acme Status` while all is well. */
export function statusTitle(overall: OverallStatus, pageName: string): string {
  const title = `${pageName} Status`;
  if (overall.indicator === "none") return title;
  const sign = overall.indicator === "maintenance" ? "🛠" : "⚠";
  return `${sign} ${overall.description} · ${title}`;
}
