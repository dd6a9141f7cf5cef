import type { Indicator, OverallStatus } from "../components/overall-status.ts";
import { escapeXml } from "./feeds.ts";

// `/badge.svg`: a shields.io-style badge ("status | All Systems Operational") for READMEs and
// dashboards. Text widths are estimated (no font metrics on the server); shields does the same.

const COLORS: Record<Indicator, string> = {
  none: "#3fb950",
  minor: "#d29922",
  major: "#e8590c",
  critical: "#d73a49",
  maintenance: "#1f6feb",
};

// Verdana 11px averages about 7 px per character; narrow letters are common enough that 6.5 fits.
const textWidth = (text: string) => Math.round(text.length * 6.5) + 10;

export function buildBadgeSvg(options: { status: OverallStatus; label?: string }): string {
  const label = escapeXml(options.label ?? "status");
  const message = escapeXml(options.status.description);
  const labelWidth = textWidth(options.label ?? "status");
  const messageWidth = textWidth(options.status.description);
  const width = labelWidth + messageWidth;
  const color = COLORS[options.status.indicator];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${label}: ${message}">
<title>${label}: ${message}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${messageWidth}" height="20" fill="${color}"/><rect width="${width}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${labelWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${label}</text><text x="${labelWidth / 2}" y="14">${label}</text>
<text x="${labelWidth + messageWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${message}</text><text x="${labelWidth + messageWidth / 2}" y="14">${message}</text>
</g>
</svg>
`;
}
