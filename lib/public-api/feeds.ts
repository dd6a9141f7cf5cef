import { escapeHtml as escapeHtmlText } from "../html/html.ts";
import { updateLabel } from "../incidents/labels.ts";
import { markdownToHtml } from "../markdown/markdown-to-html.ts";
import { formatInstant } from "../time/format-instant.ts";
import { toIsoInZone } from "../time/iso-in-zone.ts";
import { latestInstant } from "../time/latest-instant.ts";
import { publicUrl } from "../urls/public-url.ts";
import type { ApiIncident, PublicApiData } from "./queries.ts";

// `/history.atom` and `/history.rss`: one entry per incident and maintenance, its updates (newest
// first, each with its time in the page's zone and its status) in the entry's content, so a feed
// reader shows the whole story without opening the page.

// Characters XML 1.0 forbids even when escaped; staff text pasted from elsewhere can carry them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must go
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * Text inside the entry's HTML, which is then escaped once more as the element's XML text: one
 * escape for each layer, no more. `&apos;` is XML's, not HTML 4's, so the HTML uses `&#39;`.
 */
function escapeHtml(text: string): string {
  return escapeHtmlText(text.replace(INVALID_XML_CHARS, ""));
}

type FeedEntry = { incident: ApiIncident; url: string; published: Date; updated: Date; html: string };

/**
 * An update as the page shows it: its time, then `Resolved - ` and the body rendered from
 * markdown into inert HTML (lib/markdown), so a reader sees headings and bold text, not `##`.
 */
function updateHtml(time: string, label: string, body: string): string {
  return `<div><p><small>${escapeHtml(time)}</small></p><strong>${label}</strong> - ${markdownToHtml(feedMarkdown(body))}</div>`;
}

const feedMarkdown = (body: string) => body.replace(INVALID_XML_CHARS, "");

/** The markdown texts the feeds render, as they render them (for `prerenderMarkdown`). */
export function feedMarkdownSources(data: PublicApiData): string[] {
  return [...data.incidents, ...data.maintenances].flatMap((incident) => [
    ...(incident.postmortem ? [feedMarkdown(incident.postmortem.body)] : []),
    ...incident.updates.map((u) => feedMarkdown(u.body)),
  ]);
}

function entryHtml(incident: ApiIncident, timeZone: string): string {
  const parts = incident.updates.map((u) => updateHtml(formatInstant(u.displayAt, timeZone), updateLabel(u), u.body));
  if (incident.postmortem) {
    parts.unshift(updateHtml(formatInstant(incident.postmortem.publishedAt, timeZone), "Postmortem", incident.postmortem.body));
  }
  return parts.join("\n");
}

/**
 * When an entry first appeared: an incident when it started; a maintenance when it was announced,
 * not when its window opens, since a feed item dated in the future sorts above everything that
 * really happened, and some readers hide it until then.
 */
function publishedAt(incident: ApiIncident): Date {
  if (incident.kind !== "maintenance") return incident.startedAt;
  const announced = [incident.createdAt, ...incident.updates.map((u) => u.displayAt)];
  return new Date(Math.min(incident.startedAt.getTime(), ...announced.map((at) => at.getTime())));
}

function entries(data: PublicApiData): FeedEntry[] {
  const all = [...data.incidents, ...data.maintenances.filter((m) => m.updates.length > 0)];
  const list = all.map((incident) => ({
    incident,
    url: publicUrl({ pagePublicUrl: data.publicBase, path: `/incidents/${incident.id}` }),
    published: publishedAt(incident),
    updated: latestInstant(incident.updatedAt, ...incident.updates.map((u) => u.displayAt)),
    html: entryHtml(incident, data.page.timeZone),
  }));
  return list.sort((a, b) => b.published.getTime() - a.published.getTime());
}

function feedUpdated(list: FeedEntry[], data: PublicApiData): Date {
  return latestInstant(data.page.updatedAt, ...list.map((e) => e.updated));
}

export function buildAtomFeed(data: PublicApiData): string {
  const zone = data.page.timeZone;
  const list = entries(data);
  const home = publicUrl({ pagePublicUrl: data.publicBase, path: "/" });
  const self = publicUrl({ pagePublicUrl: data.publicBase, path: "/history.atom" });
  const title = escapeXml(`${data.page.name} status - incident history`);
  const items = list.map(
    (e) => `  <entry>
    <id>${escapeXml(e.url)}</id>
    <title>${escapeXml(e.incident.name)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>
    <published>${toIsoInZone(e.published, zone)}</published>
    <updated>${toIsoInZone(e.updated, zone)}</updated>
    <content type="html">${escapeXml(e.html)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>${escapeXml(self)}</id>
  <title>${title}</title>
  <link rel="alternate" type="text/html" href="${escapeXml(home)}"/>
  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>
  <updated>${toIsoInZone(feedUpdated(list, data), zone)}</updated>
  <author><name>${escapeXml(data.page.name)}</name></author>
${items.join("\n")}
</feed>
`;
}

export function buildRssFeed(data: PublicApiData): string {
  const list = entries(data);
  const home = publicUrl({ pagePublicUrl: data.publicBase, path: "/" });
  const self = publicUrl({ pagePublicUrl: data.publicBase, path: "/history.rss" });
  const items = list.map(
    (e) => `    <item>
      <title>${escapeXml(e.incident.name)}</title>
      <link>${escapeXml(e.url)}</link>
      <guid isPermaLink="true">${escapeXml(e.url)}</guid>
      <pubDate>${e.published.toUTCString()}</pubDate>
      <description>${escapeXml(e.html)}</description>
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(`${data.page.name} status - incident history`)}</title>
    <link>${escapeXml(home)}</link>
    <description>${escapeXml(`Incidents and maintenance on the ${data.page.name} status page`)}</description>
    <language>en</language>
    <lastBuildDate>${feedUpdated(list, data).toUTCString()}</lastBuildDate>
    <atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>
${items.join("\n")}
  </channel>
</rss>
`;
}
