import type { IncidentStatus } from "@/lib/domain.ts";
import { updateLabel } from "@/lib/incidents/labels.ts";
import { markdownToHtml } from "@/lib/markdown/markdown-to-html.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { type UpdateEntryData, updateEntryContentHtml } from "./update-entry-html.ts";

type Update = { status: IncidentStatus; cancelsWindow: boolean; body: string; displayAt: Date };

/** What an update entry shows. */
export function updateEntryData(update: Update, timeZone: string): UpdateEntryData {
  return {
    label: updateLabel(update),
    bodyHtml: markdownToHtml(update.body),
    at: update.displayAt.toISOString(),
    time: formatInstant(update.displayAt, timeZone),
  };
}

/** One incident update as Statuspage shows it: `Resolved - <body>`, then `Posted <time>`. */
export function UpdateEntry({ update, timeZone, className = "" }: { update: Update; timeZone: string; className?: string }) {
  const content = updateEntryContentHtml(updateEntryData(update, timeZone));
  // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped text and inert markdown HTML
  return <div className={`update-entry ${className}`} dangerouslySetInnerHTML={{ __html: content.value }} />;
}
