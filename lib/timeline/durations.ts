import type { TimelineEventKind } from "../domain.ts";

export type TimelineEventLike = { at: Date; kind: TimelineEventKind };

/** Minutes from impact start to each milestone; null where the milestone was not recorded. */
export type TimelineDurations = {
  timeToAcknowledge: number | null;
  timeToMitigate: number | null;
  impactDuration: number | null;
  timeToPermanentFix: number | null;
};

function firstOf(events: readonly TimelineEventLike[], kind: TimelineEventKind): Date | undefined {
  let first: Date | undefined;
  for (const e of events) if (e.kind === kind && (!first || e.at < first)) first = e.at;
  return first;
}

/**
 * Durations measured from the instant impact started: the first `started` event, else the
 * incident's own start. A duration whose event is missing is null (not recorded), never zero.
 */
export function computeTimelineDurations(events: readonly TimelineEventLike[], incidentStartedAt: Date): TimelineDurations {
  const start = firstOf(events, "started") ?? incidentStartedAt;
  const since = (kind: TimelineEventKind): number | null => {
    const at = firstOf(events, kind);
    return at ? Math.round((at.getTime() - start.getTime()) / 60_000) : null;
  };
  return {
    timeToAcknowledge: since("acknowledged"),
    timeToMitigate: since("mitigated"),
    impactDuration: since("resolved"),
    timeToPermanentFix: since("fixed"),
  };
}

/** `27 m`, `4 h 30 m`, `2 d 3 h`; `not recorded` for a missing one. */
export function formatDuration(minutes: number | null): string {
  if (minutes === null) return "not recorded";
  if (minutes < 0) return `-${formatDuration(-minutes)}`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} m` : `${hours} h`;
  return `${mins} m`;
}
