"use client";

import { type KeyboardEvent, useEffect, useRef, useState } from "react";

// 90 daily bars per component. The server renders each component's bars as one element painted
// with a gradient, whose label lists the days with anything to tell: light enough for a page of
// 200 components, and complete without JavaScript. Once the page is running, the bars become 90
// focusable days whose details show on hover and keyboard focus (the tooltip is CSS).

/** One letter per day: `-` no data, `o` operational, `m` maintenance, `d` degraded, `p` partial, `M` major. */
export type UptimeCells = string;

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

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// Every component's bars end on the same day: the labels are worked out once for the page.
let labels: { lastDay: string; byDaysBefore: string[] } | undefined;

function dayLabel(lastDay: string, daysBefore: number): string {
  if (labels?.lastDay !== lastDay) labels = { lastDay, byDaysBefore: [] };
  let label = labels.byDaysBefore[daysBefore];
  if (label === undefined) {
    const [y, m, d] = lastDay.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d - daysBefore));
    label = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
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

type Props = {
  componentName: string;
  cells: UptimeCells;
  /** What happened on days with anything to tell, by index into `cells`. */
  details: Record<number, string>;
  /** The newest day, `YYYY-MM-DD`. */
  lastDay: string;
  uptime: string;
};

export function UptimeBars(props: Props) {
  const [interactive, setInteractive] = useState(false);
  useEffect(() => setInteractive(true), []);
  const { componentName, cells, details, lastDay, uptime } = props;
  const count = cells.length;
  const notable = Object.entries(details).map(([i, what]) => `${dayLabel(lastDay, count - 1 - Number(i))}: ${what}`);
  const summary = `${componentName}: ${uptime} uptime over the last ${count} days. ${notable.length ? notable.join(". ") : "No downtime."}`;
  return (
    <div className="uptime">
      {interactive ? (
        <DayBars {...props} />
      ) : (
        <div role="img" aria-label={summary} className="uptime-strip" style={{ backgroundImage: gradient(cells) }} />
      )}
      <div className="uptime-legend">
        <span>
          <span className="d30">30 days ago</span>
          <span className="d60">60 days ago</span>
          <span className="d90">{`${count} days ago`}</span>
        </span>
        <span>{uptime} uptime</span>
        <span>Today</span>
      </div>
    </div>
  );
}

function DayBars({ componentName, cells, details, lastDay }: Props) {
  const list = useRef<HTMLOListElement>(null);
  const count = cells.length;

  function onKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    const items = Array.from(list.current?.querySelectorAll<HTMLLIElement>("li") ?? []).filter((li) => li.offsetParent !== null);
    const current = items.indexOf(document.activeElement as HTMLLIElement);
    const next =
      event.key === "ArrowRight"
        ? current + 1
        : event.key === "ArrowLeft"
          ? current - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? items.length - 1
              : -1;
    if (current < 0 || next < 0 || next >= items.length) return;
    event.preventDefault();
    items[current]!.tabIndex = -1;
    items[next]!.tabIndex = 0;
    items[next]!.focus();
  }

  return (
    <ol
      ref={list}
      onKeyDown={onKeyDown}
      aria-label={`${componentName}: uptime over the last ${count} days`}
      className="uptime-bars"
    >
      {Array.from(cells, (cell, i) => {
        const daysBefore = count - 1 - i;
        const what = details[i] ?? (cell === "-" ? "No data" : "No downtime");
        // Narrow screens show 30 days, medium 60, wide 90.
        const range = daysBefore >= 60 ? " r3" : daysBefore >= 30 ? " r2" : "";
        return (
          <li
            key={i}
            tabIndex={daysBefore === 0 ? 0 : -1}
            aria-label={`${dayLabel(lastDay, daysBefore)}: ${what}`}
            className={`b ${CELL_CLASS[cell] ?? "n"}${range}`}
          />
        );
      })}
    </ol>
  );
}
