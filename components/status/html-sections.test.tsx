import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { InertHtml } from "@/lib/markdown/markdown-to-html.ts";
import { ComponentItems } from "./component-items.tsx";
import { PastIncidentDays } from "./past-incident-days.tsx";
import { UpdateEntry } from "./update-entry.tsx";
import { dayBarsHtml, dayDetailsHtml, tipPosition, uptimeHtml } from "./uptime-bars.ts";

// The sections of the status page built as HTML text must escape what staff or an import wrote,
// exactly as React would.
const hostile = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`;
const noMarkupFromText = (markup: string) => {
  expect(markup).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
  expect(markup).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
};

describe("the status page's HTML-text sections", () => {
  it("escape component, group and description text, and show the uptime strip and legend", () => {
    const markup = renderToStaticMarkup(
      <ComponentItems
        lastDay="2026-03-10"
        groups={[
          {
            name: hostile,
            components: [
              {
                name: hostile,
                description: hostile,
                status: "partial_outage",
                bars: {
                  cells: "-ooM",
                  details: { 3: "20 min major outage" },
                  related: { 3: [{ name: hostile, href: "/incidents/abc" }] },
                  uptime: "99.50%",
                },
              },
            ],
          },
          { name: null, components: [{ name: "API", description: null, status: "operational", bars: null }] },
        ]}
      />,
    );
    noMarkupFromText(markup);
    expect(markup).toContain("Partial Outage");
    expect(markup).toContain("<span>99.50% uptime</span>");
    // Without JavaScript the days are one strip whose label tells each notable day.
    expect(markup).toMatch(
      /<p class="sr-only">[^<]*: 99.50% uptime over the last 4 days. Mar 10, 2026: 20 min major outage. Incidents: &lt;script&gt;/,
    );
    expect(markup).toContain(">1 component ·</span>");
    // Folded or not, the group shows its worst component's status.
    expect(markup).toMatch(/1 component ·<\/span><span class="text-orange-700[^"]*">Partial Outage<\/span>/);
    expect(markup).toContain('<span class="font-medium">API</span>');
  });

  it("escape incident names and link each incident under the page's path", () => {
    const markup = renderToStaticMarkup(
      <PastIncidentDays
        days={[
          { label: "Mar 10, 2026", incidents: [] },
          {
            label: "Mar 9, 2026",
            incidents: [
              {
                id: "abc",
                name: hostile,
                impact: "major",
                updates: [
                  {
                    label: "Resolved",
                    bodyHtml: "<p>Fixed.</p>" as InertHtml,
                    at: "2026-03-09T12:00:00.000Z",
                    time: "Mar 9, 2026 - 08:00 EDT",
                  },
                ],
              },
            ],
          },
        ]}
      />,
    );
    noMarkupFromText(markup);
    expect(markup).toContain("No incidents reported.");
    expect(markup).toContain('href="/incidents/abc"');
    // The impact in words too, not only the name's colour.
    expect(markup).toContain('</a><span class="text-sm text-gray-600 dark:text-gray-400"> · Major impact</span>');
    expect(markup).toContain(
      '<strong>Resolved</strong> - <div class="markdown contents"><p>Fixed.</p></div></div><p class="update-posted">Posted <time datetime="2026-03-09T12:00:00.000Z">Mar 9, 2026 - 08:00 EDT</time></p>',
    );
  });

  it("render an update's markdown inert and its time in the page's zone", () => {
    const markup = renderToStaticMarkup(
      <UpdateEntry
        update={{
          status: "resolved",
          cancelsWindow: false,
          body: `**Fixed** ${hostile} [x](javascript:alert(3))`,
          displayAt: new Date("2024-07-11T20:01:00Z"),
        }}
        timeZone="America/New_York"
      />,
    );
    expect(markup).not.toMatch(/<script|<img|javascript:/i);
    expect(markup).toContain("<strong>Resolved</strong> - ");
    expect(markup).toContain("<strong>Fixed</strong>");
    expect(markup).toContain('Posted <time datetime="2024-07-11T20:01:00.000Z">Jul 11, 2024 - 16:01 EDT</time>');
  });

  it("turn a strip into one labelled, focusable bar per day, the newest the list's one tab stop", () => {
    const markup = dayBarsHtml({
      componentName: hostile,
      cells: "-opM",
      details: { 3: "20 min major outage" },
      related: { 3: [{ name: hostile, href: "/incidents/abc" }] },
      lastDay: "2026-03-10",
      key: 7,
    }).value;
    noMarkupFromText(markup);
    expect(markup).toMatch(/^<ol aria-label="[^"]*: uptime over the last 4 days" data-key="7" class="uptime-bars">/);
    expect(markup.match(/<li /g)).toHaveLength(4);
    expect(markup.match(/tabindex="0"/g)).toHaveLength(1);
    expect(markup).toContain('<li tabindex="-1" aria-label="Mar 7, 2026: No data" class="b n"></li>');
    expect(markup).toContain('aria-label="Mar 8, 2026: No downtime" class="b o"');
    expect(markup).toMatch(
      /<li tabindex="0" aria-label="Mar 10, 2026: 20 min major outage. Incidents: &lt;script&gt;[^"]*" class="b x"><\/li><\/ol><div class="uptime-day" hidden><\/div>$/,
    );
  });

  it("keep the uptime summary for screen readers beside the strip, which the bars replace", () => {
    const markup = uptimeHtml({
      componentName: hostile,
      cells: "ooM",
      details: { 2: "20 min major outage" },
      related: {},
      lastDay: "2026-03-10",
      uptime: "99.5%",
    }).value;
    noMarkupFromText(markup);
    expect(markup).toMatch(
      /^<div class="uptime"><p class="sr-only">&lt;script&gt;[^<]*: 99.5% uptime over the last 3 days. Mar 10, 2026: 20 min major outage<\/p><div aria-hidden="true" class="uptime-strip"/,
    );
  });

  it("list a day's incidents as links under the bars, each named once", () => {
    const markup = dayDetailsHtml({
      lastDay: "2026-03-10",
      daysBefore: 1,
      downtime: "20 min major outage",
      related: [
        { name: hostile, href: "/incidents/abc" },
        { name: "Slow logins", href: "/incidents/def" },
      ],
    }).value;
    noMarkupFromText(markup);
    expect(markup).toContain("<strong>Mar 9, 2026</strong>: 20 min major outage</p>");
    expect(markup).toMatch(/<li><a href="\/incidents\/abc">&lt;script&gt;[^<]*<\/a><\/li>/);
    expect(markup.split("Slow logins")).toHaveLength(2);
  });
});

describe("the uptime tooltip's place", () => {
  const viewport = { width: 375, height: 800 };
  const tip = { width: 256, height: 40 };
  const bar = (left: number, top = 400) => ({ left, top, width: 10, height: 32 });

  it("is centred above its day when there is room", () => {
    expect(tipPosition({ bar: bar(180), tip, viewport })).toEqual({ left: 185 - 128, top: 400 - 8 - 40 });
  });

  it("moves sideways to stay inside the screen, for the first and last days and those near them", () => {
    expect(tipPosition({ bar: bar(36), tip, viewport }).left).toBe(8);
    expect(tipPosition({ bar: bar(100), tip, viewport }).left).toBe(8);
    expect(tipPosition({ bar: bar(345), tip, viewport }).left).toBe(375 - 8 - 256);
  });

  it("goes under its day when there is no room above", () => {
    expect(tipPosition({ bar: bar(180, 20), tip, viewport }).top).toBe(20 + 32 + 8);
  });
});
