import { Fragment } from "react";
import { TIMELINE_EVENT_KIND_LABELS, type TimelineEventKind } from "@/lib/domain.ts";
import { computeTimelineDurations, formatDuration } from "@/lib/timeline/durations.ts";
import { guardedItem } from "./guarded-item.tsx";
import { Instant } from "./instant.tsx";

/**
 * The structured timeline and the durations that follow from it. Customers see only the durations
 * its events record (staff see "not recorded" in the editor, to know what is missing).
 */
export function TimelineSection({
  events,
  startedAt,
  timeZone,
}: {
  events: { id: string; at: Date; kind: TimelineEventKind; text: string }[];
  startedAt: Date;
  timeZone: string;
}) {
  const d = computeTimelineDurations(events, startedAt);
  const durations = (
    [
      ["Time to acknowledge", d.timeToAcknowledge],
      ["Time to mitigate", d.timeToMitigate],
      ["Impact duration", d.impactDuration],
      ["Time to permanent fix", d.timeToPermanentFix],
    ] as [string, number | null][]
  ).filter((entry): entry is [string, number] => entry[1] !== null);
  return (
    <section aria-labelledby="timeline-heading" className="mt-10">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        Timeline at a glance
      </h2>
      {durations.length > 0 ? (
        <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {durations.map(([label, minutes]) => (
            <div key={label} className="rounded-lg border border-gray-200 bg-white p-3 dark:border-gray-800 dark:bg-gray-900">
              <dt className="text-xs font-medium text-gray-600 uppercase dark:text-gray-400">{label}</dt>
              <dd className="mt-1 text-lg font-semibold">{formatDuration(minutes)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <ol className="mt-6 space-y-4 border-l-2 border-gray-200 pl-5 dark:border-gray-800">
        {events.map((e) => (
          <Fragment key={e.id}>
            {guardedItem(
              `Timeline event ${e.id}`,
              () => (
                <li className="relative">
                  <span
                    aria-hidden="true"
                    className="absolute top-1.5 -left-[27px] size-3 rounded-full border-2 border-white bg-indigo-600 dark:border-gray-950"
                  />
                  <p className="text-sm text-gray-600 dark:text-gray-400">
                    {Instant({ at: e.at, timeZone })} · {TIMELINE_EVENT_KIND_LABELS[e.kind]}
                  </p>
                  <p>{e.text}</p>
                </li>
              ),
              "li",
            )}
          </Fragment>
        ))}
      </ol>
    </section>
  );
}
