import { INCIDENT_STATUS_LABELS, type IncidentStatus } from "@/lib/domain.ts";
import { Instant } from "./instant.tsx";
import { Markdown } from "./markdown.tsx";

/** One incident update as Statuspage shows it: `Resolved - <body>`, then `Posted <time>`. */
export function UpdateEntry({
  update,
  timeZone,
  className = "",
}: {
  update: { status: IncidentStatus; body: string; displayAt: Date };
  timeZone: string;
  className?: string;
}) {
  // Short class names (globals.css): the home page of a busy status page shows hundreds of updates.
  return (
    <div className={`update-entry ${className}`}>
      <div className="update-body">
        <strong>{INCIDENT_STATUS_LABELS[update.status]}</strong>
        {" - "}
        <Markdown source={update.body} className="contents" />
      </div>
      <p className="update-posted">
        Posted <Instant at={update.displayAt} timeZone={timeZone} />
      </p>
    </div>
  );
}
