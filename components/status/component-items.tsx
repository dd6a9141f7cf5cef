"use client";

import { type KeyboardEvent, type SyntheticEvent, useEffect, useRef } from "react";
import { worstComponentStatus } from "@/lib/components/worst-status.ts";
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from "@/lib/domain.ts";
import { type Html, html } from "@/lib/html/html.ts";
import { COMPONENT_TONE, TONE_TEXT } from "./status-styles.ts";
import {
  dayBarsHtml,
  dayDetailsHtml,
  moveBetweenBars,
  type RelatedIncident,
  tipPosition,
  type UptimeCells,
  uptimeHtml,
} from "./uptime-bars.ts";

export type ComponentItem = {
  name: string;
  description: string | null;
  status: ComponentStatus;
  /** Null when the component does not show uptime. */
  bars: {
    cells: UptimeCells;
    /** The downtime of each day with anything to tell, in words, by index into `cells`. */
    details: Record<number, string>;
    /** The incidents of each day that had any, once each, by index into `cells`. */
    related: Record<number, RelatedIncident[]>;
    uptime: string;
  } | null;
};
/** A group with its components, or (without a name) one component outside any group. */
export type ComponentItemGroup = { name: string | null; components: ComponentItem[] };

// The list is built as HTML text from a few props per component: a large page lists hundreds of
// components with 90 days each, which as React elements cost much of the page's render (on the
// server) and as HTML in the page's payload would double its size. A client component, so that
// the payload carries these props rather than the markup.

function rowHtml(component: ComponentItem, lastDay: string): Html {
  const tone = COMPONENT_TONE[component.status];
  const { bars } = component;
  return html`<li class="px-5 py-3"><div class="component-head"><div class="min-w-0"><span class="font-medium">${component.name}</span>${
    component.description ? html`<p class="text-sm text-gray-600 dark:text-gray-400">${component.description}</p>` : ""
  }</div><span class="component-status ${TONE_TEXT[tone]}">${COMPONENT_STATUS_LABELS[component.status]}<svg class="size-4" aria-hidden="true" focusable="false"><use href="#status-icon-${tone}"></use></svg></span></div>${
    bars ? uptimeHtml({ componentName: component.name, lastDay, ...bars }) : ""
  }</li>`;
}

function groupHtml(group: ComponentItemGroup, lastDay: string): Html {
  // Shown folded or not: a visitor who folds a group still sees its worst component's status.
  const worst = worstComponentStatus(group.components.map((c) => c.status));
  const tone = COMPONENT_TONE[worst];
  return html`<li><details open class="group"><summary class="flex cursor-pointer list-none items-center justify-between gap-4 px-5 py-3 font-semibold [&::-webkit-details-marker]:hidden"><span class="flex items-center gap-2"><svg viewBox="0 0 20 20" class="size-4 transition-transform group-open:rotate-90" aria-hidden="true"><path d="M7 5l6 5-6 5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"></path></svg>${
    group.name
  }</span><span class="component-status font-normal"><span class="hidden text-gray-600 sm:inline dark:text-gray-400">${group.components.length} ${group.components.length === 1 ? "component" : "components"} ·</span><span class="${TONE_TEXT[tone]}">${COMPONENT_STATUS_LABELS[worst]}</span><svg class="size-4 ${TONE_TEXT[tone]}" aria-hidden="true" focusable="false"><use href="#status-icon-${tone}"></use></svg></span></summary><ul class="divide-y divide-gray-100 border-t border-gray-100 pl-4 dark:divide-gray-800 dark:border-gray-800">${group.components.map(
    (c) => rowHtml(c, lastDay),
  )}</ul></details></li>`;
}

/** A day's bar: an item of one of the lists `dayBarsHtml` builds. */
const dayBar = (target: EventTarget | null): HTMLLIElement | null =>
  target instanceof HTMLLIElement && target.parentElement?.classList.contains("uptime-bars") ? target : null;

/** The components, by group; groups fold open and shut without JavaScript (`<details>`). */
export function ComponentItems({ groups, lastDay }: { groups: ComponentItemGroup[]; lastDay: string }) {
  const list = useRef<HTMLUListElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  // Once the page runs, each painted strip becomes 90 bars to hover and focus. Only the strips are
  // replaced: groups a visitor folded meanwhile stay folded, and focus stays where it is.
  useEffect(() => {
    const strips = list.current?.querySelectorAll(".uptime-strip") ?? [];
    const withBars = groups.flatMap((group) => group.components).filter((component) => component.bars);
    strips.forEach((strip, i) => {
      const component = withBars[i];
      if (component?.bars)
        strip.outerHTML = dayBarsHtml({ componentName: component.name, lastDay, key: i, ...component.bars }).value;
    });
  }, [groups, lastDay]);

  // One tooltip for every bar, placed over the day pointed at or focused and kept inside the
  // screen (a tooltip drawn by CSS alone cannot know where the screen ends). It repeats the bar's
  // label, which screen readers already read, so it is hidden from them.
  const showTip = (bar: HTMLElement) => {
    const element = tip.current;
    if (!element) return;
    element.textContent = bar.getAttribute("aria-label");
    element.hidden = false;
    const container = element.offsetParent;
    if (!container) return;
    const place = tipPosition({
      bar: bar.getBoundingClientRect(),
      tip: element.getBoundingClientRect(),
      viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
    });
    const origin = container.getBoundingClientRect();
    element.style.left = `${place.left - origin.left}px`;
    element.style.top = `${place.top - origin.top}px`;
  };
  // When the pointer leaves, the tooltip returns to the day that has the keyboard's focus, if any.
  const restoreTip = () => {
    const focused = dayBar(document.activeElement);
    if (focused && list.current?.contains(focused)) showTip(focused);
    else if (tip.current) tip.current.hidden = true;
  };
  const hideTipOnEscape = (event: KeyboardEvent) => {
    if (event.key === "Escape" && tip.current && !tip.current.hidden) tip.current.hidden = true;
    else moveBetweenBars(event);
  };

  // A day with incidents, pointed at or focused, lists them as links under its bars, where they
  // stay to be followed (the tooltip shows the day's story but holds no links). Focusing a day
  // without incidents clears the list.
  const showDay = (event: SyntheticEvent, focused: boolean) => {
    const bar = dayBar(event.target);
    const bars = bar?.parentElement;
    const panel = bars?.nextElementSibling;
    if (!bar || !bars || !(panel instanceof HTMLElement)) return;
    showTip(bar);
    const component = groups.flatMap((group) => group.components).filter((c) => c.bars)[Number(bars.dataset.key)];
    if (!component?.bars) return;
    if (focused) {
      // The focused day becomes the list's one tab stop, so Tab moves on to its incidents' links.
      for (const other of Array.from(bars.children) as HTMLElement[]) other.tabIndex = other === bar ? 0 : -1;
    }
    const day = Array.prototype.indexOf.call(bars.children, bar);
    const related = component.bars.related[day];
    if (!related?.length) {
      if (focused) panel.hidden = true;
      return;
    }
    const downtime = component.bars.details[day] ?? "No downtime";
    panel.innerHTML = dayDetailsHtml({ lastDay, daysBefore: component.bars.cells.length - 1 - day, downtime, related }).value;
    panel.hidden = false;
  };
  const items = html`${groups.map((group) => (group.name === null ? rowHtml(group.components[0]!, lastDay) : groupHtml(group, lastDay)))}`;
  return (
    <div className="relative">
      <ul
        ref={list}
        className="divide-y divide-gray-200 dark:divide-gray-800"
        onKeyDown={hideTipOnEscape}
        onFocus={(event) => showDay(event, true)}
        onBlur={(event) => {
          if (dayBar(event.target) && tip.current) tip.current.hidden = true;
        }}
        onMouseOver={(event) => showDay(event, false)}
        onMouseOut={(event) => {
          if (dayBar(event.target) && !dayBar(event.relatedTarget)) restoreTip();
        }}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: built by html templates, which escape every value
        dangerouslySetInnerHTML={{ __html: items.value }}
      />
      <div ref={tip} className="uptime-tip" aria-hidden="true" hidden />
    </div>
  );
}
