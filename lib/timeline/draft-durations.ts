import { TIMELINE_EVENT_KINDS, type TimelineEventKind } from "../domain.ts";
import { parseWallTime } from "../time/wall-time.ts";
import { computeTimelineDurations, type TimelineDurations } from "./durations.ts";

/** What an event form holds right now: `at` as typed (datetime-local, in the page's time zone). */
export type EventDraft = { at: string; kind: string };

const isKind = (kind: string): kind is TimelineEventKind => (TIMELINE_EVENT_KINDS as readonly string[]).includes(kind);

/**
 * The durations the timeline would give once the forms are saved: each saved event as its form
 * now reads (`drafts` by event id), plus `added`, an event not added yet. Typed times are read in
 * the page's time zone exactly as the server will read them; a time or kind that does not parse
 * yet counts as saved, and an unfinished new event not at all.
 */
export function computeDraftDurations(options: {
  saved: readonly { id: string; at: Date; kind: TimelineEventKind }[];
  drafts: Readonly<Record<string, EventDraft>>;
  added?: EventDraft;
  incidentStartedAt: Date;
  timeZone: string;
}): TimelineDurations {
  const events = options.saved.map((event) => {
    const draft = options.drafts[event.id];
    return {
      at: (draft && parseWallTime(draft.at, options.timeZone)) || event.at,
      kind: draft && isKind(draft.kind) ? draft.kind : event.kind,
    };
  });
  const added = options.added;
  const addedAt = added ? parseWallTime(added.at, options.timeZone) : null;
  if (added && addedAt && isKind(added.kind)) events.push({ at: addedAt, kind: added.kind });
  return computeTimelineDurations(events, options.incidentStartedAt);
}
