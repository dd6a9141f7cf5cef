"use client";

import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import type { TimelineEventKind } from "@/lib/domain.ts";
import { computeDraftDurations, type EventDraft } from "@/lib/timeline/draft-durations.ts";
import { computeTimelineDurations, formatDuration, type TimelineDurations } from "@/lib/timeline/durations.ts";

// The timeline editor's forms tell this provider what they hold right now (saved or not), and it
// shows the durations that would follow. Rendered on the server from the saved events, it shows
// the saved durations, so the page is right without JavaScript too.

export type SavedEvent = { id: string; at: string; kind: TimelineEventKind };

/** The key of the "Add an event" form among the drafts. */
export const NEW_EVENT = "new";

const ReportDraft = createContext<(key: string, draft: EventDraft | null) => void>(() => {});

const DURATIONS: [keyof TimelineDurations, string][] = [
  ["timeToAcknowledge", "Time to acknowledge"],
  ["timeToMitigate", "Time to mitigate"],
  ["impactDuration", "Impact duration"],
  ["timeToPermanentFix", "Time to permanent fix"],
];

/**
 * Reports the form's `at` and `kind` when it mounts (again after each answer, showing what was
 * kept) and on every change; withdraws them when it goes away (a removed event).
 */
export function useReportDraft(key: string, form: React.RefObject<HTMLFormElement | null>, seq: number) {
  const report = useContext(ReportDraft);
  const read = useCallback(() => {
    if (!form.current) return;
    const data = new FormData(form.current);
    report(key, { at: String(data.get("at") ?? ""), kind: String(data.get("kind") ?? "") });
  }, [form, key, report]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `seq` is a re-mounted form to read again.
  useEffect(() => {
    read();
    return () => report(key, null);
  }, [read, report, key, seq]);
  return read;
}

export function TimelineDraftProvider({
  events,
  startedAt,
  timeZone,
  children,
}: {
  events: SavedEvent[];
  startedAt: string;
  timeZone: string;
  children: ReactNode;
}) {
  const [drafts, setDrafts] = useState<Record<string, EventDraft>>({});
  const report = useCallback((key: string, draft: EventDraft | null) => {
    setDrafts((previous) => {
      const { [key]: _dropped, ...rest } = previous;
      return draft ? { ...rest, [key]: draft } : rest;
    });
  }, []);
  const incidentStartedAt = new Date(startedAt);
  const saved = events.map((e) => ({ id: e.id, at: new Date(e.at), kind: e.kind }));
  const before = computeTimelineDurations(saved, incidentStartedAt);
  const { [NEW_EVENT]: added, ...edited } = drafts;
  const now = computeDraftDurations({ saved, drafts: edited, added, incidentStartedAt, timeZone });
  return (
    <ReportDraft value={report}>
      <section aria-labelledby="live-durations-heading" className="mt-3">
        <h3 id="live-durations-heading" className="font-semibold">
          Durations
        </h3>
        <p className="text-sm text-gray-600 dark:text-gray-400">
          From the first “Impact started” event, else the incident's start. They follow the forms as you type, before you save.
        </p>
        <dl className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {DURATIONS.map(([key, label]) => {
            const unsaved = now[key] !== before[key];
            return (
              <div
                key={key}
                className={`rounded-md border p-3 ${unsaved ? "border-amber-500 dark:border-amber-400" : "border-gray-200 dark:border-gray-800"}`}
              >
                <dt className="text-xs font-medium text-gray-600 uppercase dark:text-gray-400">{label}</dt>
                <dd className="mt-1">
                  <span
                    data-testid={`duration-${key}`}
                    className={now[key] === null ? "text-sm text-gray-600 dark:text-gray-400" : "text-lg font-semibold"}
                  >
                    {formatDuration(now[key])}
                  </span>
                  {unsaved ? (
                    <span className="block text-xs text-amber-800 dark:text-amber-300">
                      Not saved yet (saved: {formatDuration(before[key])})
                    </span>
                  ) : null}
                </dd>
              </div>
            );
          })}
        </dl>
      </section>
      {children}
    </ReportDraft>
  );
}
