import { INCIDENT_STATUS_LABELS, type IncidentStatus } from "@/lib/domain.ts";
import { Instant } from "./instant.tsx";
import { Markdown } from "./markdown.tsx";

/** One incident update as Statuspage shows it: `Resolved - <body>`, then `Posted <time>`. */
export function UpdateEntry({
  update,
  timeZone,
}: {
  update: { status: IncidentStatus; body: string; displayAt: Date };
  timeZone: string;
}) {
  return (
    <div className="update-entry">
      <div className="[&_.markdown>p:first-child]:inline">
        <strong className="font-semibold">{INCIDENT_STATUS_LABELS[update.status]}</strong>
        <span> - </span>
        <Markdown source={update.body} className="contents" />
      </div>
      <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
        Posted <Instant at={update.displayAt} timeZone={timeZone} />
      </p>
    </div>
  );
}
