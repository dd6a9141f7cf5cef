"use client";

import type { Impact } from "@/lib/domain.ts";
import { type Html, html } from "@/lib/html/html.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { IMPACT_LABEL, IMPACT_TONE, TONE_TEXT } from "./status-styles.ts";
import { type UpdateEntryData, updateEntryHtml } from "./update-entry-html.ts";

export type PastDay = {
  /** `Nov 28, 2026` */
  label: string;
  incidents: { id: string; name: string; impact: Impact; updates: UpdateEntryData[] }[];
};

// Built as HTML text: on a busy page these are a hundred incidents with hundreds of updates, which
// as React elements cost most of the page's render. A client component, so that the page's payload
// carries these props rather than the surrounding markup a second time (the bodies' HTML is in
// both). The browser builds the string again when the page starts and React keeps the server's
// markup: a few milliseconds, for no interactivity of its own.

// The impact is said in words beside the coloured name: colour alone tells nothing to many readers.
function dayHtml({ label, incidents }: PastDay): Html {
  return html`<div class="border-b border-gray-200 pb-5 dark:border-gray-800"><h3 class="font-semibold">${label}</h3>${
    incidents.length === 0
      ? html`<p class="mt-2 text-sm text-gray-600 dark:text-gray-400">No incidents reported.</p>`
      : html`<ul class="mt-3 space-y-5">${incidents.map(
          (incident) =>
            html`<li><a href="${withBase(`/incidents/${incident.id}`)}" class="font-semibold hover:underline ${TONE_TEXT[IMPACT_TONE[incident.impact]]}">${incident.name}</a><span class="text-sm text-gray-600 dark:text-gray-400"> · ${IMPACT_LABEL[incident.impact]}</span>${incident.updates.map(
              (update) => updateEntryHtml(update, "mt-2 text-sm"),
            )}</li>`,
        )}</ul>`
  }</div>`;
}

/** "Past Incidents": a heading per day, newest first, with each incident's updates. */
export function PastIncidentDays({ days }: { days: PastDay[] }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: built by html templates, which escape every value
  return <div className="mt-4 space-y-6" dangerouslySetInnerHTML={{ __html: html`${days.map(dayHtml)}`.value }} />;
}
