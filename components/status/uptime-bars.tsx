"use client";

import { type KeyboardEvent, useRef } from "react";

// 90 daily bars. Rendered on the server like everything else (the tooltip is CSS, shown on hover
// and focus, so it works without JavaScript); this is a client component only so that the page
// carries its compact props instead of a second copy of 90 bars per component, and for the
// arrow-key navigation between bars.

/** One letter per day: `-` no data, `o` operational, `m` maintenance, `d` degraded, `p` partial, `M` major. */
export type UptimeCells = string;

// Short class names (styled in globals.css): 540 bars make every byte count.
const CELL_CLASS: Record<string, string> = { "-": "n", o: "o", m: "m", d: "d", p: "p", M: "x" };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function dayLabel(lastDay: string, daysBefore: number): string {
  const [y, m, d] = lastDay.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d - daysBefore));
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

export function UptimeBars({
  componentName,
  cells,
  details,
  lastDay,
  uptime,
}: {
  componentName: string;
  cells: UptimeCells;
  /** What happened on days with anything to tell, by index into `cells`. */
  details: Record<number, string>;
  /** The newest day, `YYYY-MM-DD`. */
  lastDay: string;
  uptime: string;
}) {
  const list = useRef<HTMLOListElement>(null);
  const count = cells.length;

  function onKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    const items = Array.from(list.current?.querySelectorAll<HTMLLIElement>("li") ?? []).filter((li) => li.offsetParent !== null);
    const current = items.indexOf(document.activeElement as HTMLLIElement);
    // Bars other than today's get no tabindex in the HTML (bytes again); set it on first use.
    if (current < 0) return;
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
    if (next < 0 || next >= items.length || event.key === "Tab") return;
    event.preventDefault();
    items[current]!.tabIndex = -1;
    items[next]!.tabIndex = 0;
    items[next]!.focus();
  }

  return (
    <div className="mt-2">
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
              tabIndex={daysBefore === 0 ? 0 : undefined}
              aria-label={`${dayLabel(lastDay, daysBefore)}: ${what}`}
              className={`b ${CELL_CLASS[cell] ?? "n"}${range}`}
            />
          );
        })}
      </ol>
      <div className="mt-1 flex justify-between text-xs text-gray-600 dark:text-gray-400">
        <span>
          <span className="sm:hidden">30 days ago</span>
          <span className="hidden sm:inline md:hidden">60 days ago</span>
          <span className="hidden md:inline">{count} days ago</span>
        </span>
        <span>{uptime} uptime</span>
        <span>Today</span>
      </div>
    </div>
  );
}
