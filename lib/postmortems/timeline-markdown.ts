import { zoneAbbreviation } from "../time/format-instant.ts";
import { toWallTime } from "../time/wall-time.ts";
import { partsInZone } from "../time/zoned-parts.ts";

/** The text a new postmortem starts from when there is no postmortem template (Templates page). */
export const DEFAULT_POSTMORTEM_TEMPLATE = [
  "## Summary",
  "",
  "What happened, who was affected, and for how long.",
  "",
  "## Root cause",
  "",
  "Why it happened.",
  "",
  "## Actions",
  "",
  "- **Remediation:** what stopped the impact.",
  "- **Permanent fix:** what keeps it from happening again.",
  "",
  "## Timeline",
  "",
].join("\n");

const TIMELINE_HEADING = /^##\s+timeline\s*$/i;

/**
 * The timeline as markdown lines, each time in the page's zone with UTC beside it, as the reference
 * postmortem writes them (`- 2024-07-11 16:01 EDT (20:01 UTC): rollback deployed`); a page in UTC
 * gets `- 2024-07-11 20:01 (UTC): …`.
 */
export function timelineMarkdown(events: readonly { at: Date; text: string }[], timeZone: string): string {
  return [...events]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((e) => {
      const local = toWallTime(e.at, timeZone).replace("T", " ");
      const abbreviation = zoneAbbreviation(e.at, timeZone);
      if (abbreviation === "UTC") return `- ${local} (UTC): ${e.text}`;
      const utc = partsInZone(e.at, "UTC");
      const utcClock = `${String(utc.hour).padStart(2, "0")}:${String(utc.minute).padStart(2, "0")}`;
      const utcDay = toWallTime(e.at, "UTC").slice(0, 10);
      const sameDay = utcDay === local.slice(0, 10);
      return `- ${local} ${abbreviation} (${sameDay ? "" : `${utcDay} `}${utcClock} UTC): ${e.text}`;
    })
    .join("\n");
}

/**
 * `body` with its "## Timeline" section's content replaced by the structured timeline (the section
 * appended when there is none), so that the text and the timeline never disagree.
 */
export function withTimelineSection(body: string, events: readonly { at: Date; text: string }[], timeZone: string): string {
  const lines = body.split("\n");
  const start = lines.findIndex((line) => TIMELINE_HEADING.test(line.trim()));
  const section = timelineMarkdown(events, timeZone);
  if (start < 0) return `${body.trimEnd()}${body.trim() ? "\n\n" : ""}## Timeline\n\n${section}\n`;
  const nextHeading = lines.findIndex((line, i) => i > start && /^#{1,2}\s/.test(line));
  const after = nextHeading < 0 ? [] : ["", ...lines.slice(nextHeading)];
  return `${[...lines.slice(0, start + 1), "", section, ...after].join("\n").trimEnd()}\n`;
}
