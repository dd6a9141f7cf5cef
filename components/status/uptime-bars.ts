import type { KeyboardEvent } from "react";
import { type Html, html } from "@/lib/html/html.ts";
import { addDays, formatDayKey } from "@/lib/time/format-instant.ts";
import { dayStory } from "@/lib/uptime/describe-day.ts";

// 90 daily bars per component. The server renders each component's bars as one element painted
// with a gradient, whose label lists the days with anything to tell: light enough for a page of
// 200 components, and complete without JavaScript. Once the page is running, the bars become 90
// focusable days whose details show on hover and keyboard focus, in one tooltip that the page's
// script places over the day (`tipPosition`) so that it never leaves the screen.

/** One letter per day: `-` no data, `o` operational, `m` maintenance, `d` degraded, `p` partial, `M` major. */
export type UptimeCells = string;

/** An incident that touched a day, with the address of its page. */
export type RelatedIncident = { name: string; href: string };

export type UptimeStrip = {
  componentName: string;
  cells: UptimeCells;
  /** The downtime of each day with anything to tell, in words, by index into `cells`. */
  details: Record<number, string>;
  /** The incidents of each day that had any, once each, by index into `cells`. */
  related: Record<number, RelatedIncident[]>;
  /** The newest day, `YYYY-MM-DD`. */
  lastDay: string;
};

/** A day's downtime and incidents in words, as its bar's label and the summary tell it. */
function storyOf({ details, related }: Pick<UptimeStrip, "details" | "related">, day: number): string | undefined {
  const downtime = details[day];
  return downtime === undefined
    ? undefined
    : dayStory(
        downtime,
        (related[day] ?? []).map((incident) => incident.name),
      );
}

// Short class names (styled in globals.css): a large page has thousands of bars.
const CELL_CLASS: Record<string, string> = { "-": "n", o: "o", m: "m", d: "d", p: "p", M: "x" };
// Short names for the strip's colours (globals.css): a large page paints hundreds of strips.
const CELL_COLOR: Record<string, string> = {
  "-": "var(--n)",
  o: "var(--o)",
  m: "var(--m)",
  d: "var(--d)",
  p: "var(--p)",
  M: "var(--x)",
};

// Every component's bars end on the same day: the labels are worked out once for the page.
let labels: { lastDay: string; byDaysBefore: string[] } | undefined;

function dayLabel(lastDay: string, daysBefore: number): string {
  if (labels?.lastDay !== lastDay) labels = { lastDay, byDaysBefore: [] };
  let label = labels.byDaysBefore[daysBefore];
  if (label === undefined) {
    label = formatDayKey(addDays(lastDay, -daysBefore));
    labels.byDaysBefore[daysBefore] = label;
  }
  return label;
}

/** The bars as one gradient: a colour per run of equal days, each starting where the last ends. */
function gradient(cells: string): string {
  const stops: string[] = [];
  const width = 100 / cells.length;
  let start = 0;
  for (let i = 1; i <= cells.length; i++) {
    if (i === cells.length || cells[i] !== cells[start]) {
      const color = CELL_COLOR[cells[start]!] ?? CELL_COLOR["-"];
      stops.push(`${color}${start ? " 0" : ""} ${+(i * width).toFixed(3)}%`);
      start = i;
    }
  }
  return `linear-gradient(90deg,${stops.join(",")})`;
}

/**
 * A component's uptime as the server renders it: a summary for screen readers that tells the
 * days with anything to tell, one painted strip (`dayBarsHtml` replaces it once the page runs,
 * and the summary stays), then the legend.
 */
export function uptimeHtml(strip: UptimeStrip & { uptime: string }): Html {
  const count = strip.cells.length;
  return html`<div class="uptime"><p class="sr-only">${uptimeSummary(strip)}</p>${stripHtml(strip)}<div class="uptime-legend"><span><span class="d30">30 days ago</span><span class="d60">60 days ago</span><span class="d90">${count} days ago</span></span><span>${strip.uptime} uptime</span><span>Today</span></div></div>`;
}

/** The component's uptime in words: its percentage and every day with anything to tell. */
export function uptimeSummary(strip: UptimeStrip & { uptime: string }): string {
  const { componentName, cells, details, lastDay, uptime } = strip;
  const count = cells.length;
  const notable = Object.keys(details).map((i) => `${dayLabel(lastDay, count - 1 - Number(i))}: ${storyOf(strip, Number(i))}`);
  return `${componentName}: ${uptime} uptime over the last ${count} days. ${notable.length ? notable.join(". ") : "No downtime."}`;
}

// The summary above says it all in words: the painted strip is decoration for screen readers.
function stripHtml({ cells }: UptimeStrip): Html {
  return html`<div aria-hidden="true" class="uptime-strip" style="background-image:${gradient(cells)}"></div>`;
}

/**
 * The strip's days as a list of focusable bars, each labelled with its date and story, then the
 * place where a chosen day's incidents are listed as links (`dayDetailsHtml`). `key` tells the
 * page's script which component the list belongs to.
 */
export function dayBarsHtml(strip: UptimeStrip & { key: number }): Html {
  const { componentName, cells, lastDay, key } = strip;
  const count = cells.length;
  return html`<ol aria-label="${componentName}: uptime over the last ${count} days" data-key="${key}" class="uptime-bars">${Array.from(
    cells,
    (cell, i) => {
      const daysBefore = count - 1 - i;
      const what = storyOf(strip, i) ?? (cell === "-" ? "No data" : "No downtime");
      // Narrow screens show 30 days, medium 60, wide 90.
      const range = daysBefore >= 60 ? " r3" : daysBefore >= 30 ? " r2" : "";
      return html`<li tabindex="${daysBefore === 0 ? 0 : -1}" aria-label="${dayLabel(lastDay, daysBefore)}: ${what}" class="b ${CELL_CLASS[cell] ?? "n"}${range}"></li>`;
    },
  )}</ol><div class="uptime-day" hidden></div>`;
}

/**
 * A day's details under the bars: its date and downtime, then its incidents as links, each once
 * ("Related", as Statuspage lists them), and named nowhere else in the details.
 */
export function dayDetailsHtml(options: {
  lastDay: string;
  daysBefore: number;
  downtime: string;
  related: RelatedIncident[];
}): Html {
  const { lastDay, daysBefore, downtime, related } = options;
  return html`<p><strong>${dayLabel(lastDay, daysBefore)}</strong>: ${downtime}</p><p class="uptime-related">Related:</p><ul>${related.map(
    (incident) => html`<li><a href="${incident.href}">${incident.name}</a></li>`,
  )}</ul>`;
}

type Box = { left: number; top: number; width: number; height: number };

/**
 * Where a day's tooltip goes, in the viewport's coordinates: centred above its bar, moved sideways
 * as far as it takes to stay `margin` inside the viewport (the bars at either end, or any bar on a
 * narrow screen), and below the bar when there is no room above it.
 */
export function tipPosition(options: {
  bar: Box;
  tip: { width: number; height: number };
  viewport: { width: number; height: number };
  margin?: number;
  gap?: number;
}): { left: number; top: number } {
  const { bar, tip, viewport, margin = 8, gap = 8 } = options;
  const centred = bar.left + bar.width / 2 - tip.width / 2;
  const left = Math.max(margin, Math.min(centred, viewport.width - margin - tip.width));
  const above = bar.top - gap - tip.height;
  return { left, top: above >= margin ? above : bar.top + bar.height + gap };
}

/** Arrow keys, Home and End move between the visible bars of one list (one tab stop per list). */
export function moveBetweenBars(event: KeyboardEvent): void {
  const bar = event.target;
  if (!(bar instanceof HTMLLIElement) || !bar.parentElement?.classList.contains("uptime-bars")) return;
  const bars = Array.from(bar.parentElement.children as HTMLCollectionOf<HTMLLIElement>).filter((li) => li.offsetParent !== null);
  const current = bars.indexOf(bar);
  const next =
    event.key === "ArrowRight"
      ? current + 1
      : event.key === "ArrowLeft"
        ? current - 1
        : event.key === "Home"
          ? 0
          : event.key === "End"
            ? bars.length - 1
            : -1;
  if (current < 0 || next < 0 || next >= bars.length) return;
  event.preventDefault();
  bar.tabIndex = -1;
  bars[next]!.tabIndex = 0;
  bars[next]!.focus();
}
