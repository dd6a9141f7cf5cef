import { type Html, html, trustedHtml } from "@/lib/html/html.ts";
import type { InertHtml } from "@/lib/markdown/markdown-to-html.ts";

/** An update as pages show it, worked out on the server (components/status/update-entry.tsx). */
export type UpdateEntryData = {
  /** `Resolved`, `Cancelled`, … */
  label: string;
  /** The body's HTML, from lib/markdown only (the type says so). */
  bodyHtml: InertHtml;
  /** ISO 8601. */
  at: string;
  /** The instant in the page's time zone: `Jul 11, 2024 - 16:01 EDT`. */
  time: string;
};

// Short class names (globals.css): the home page of a busy status page shows hundreds of updates.

/** The inside of an update entry: `Resolved - <body>`, then `Posted <time>`. */
export function updateEntryContentHtml({ label, bodyHtml, at, time }: UpdateEntryData): Html {
  return html`<div class="update-body"><strong>${label}</strong> - <div class="markdown contents">${trustedHtml(bodyHtml)}</div></div><p class="update-posted">Posted <time datetime="${at}">${time}</time></p>`;
}

/** One incident update as Statuspage shows it. */
export function updateEntryHtml(update: UpdateEntryData, className: string): Html {
  return html`<div class="update-entry ${className}">${updateEntryContentHtml(update)}</div>`;
}
