import type { IncidentStatus } from "@/lib/domain.ts";
import { updateLabel } from "@/lib/incidents/labels.ts";
import { Instant } from "./instant.tsx";
import { Markdown } from "./markdown.tsx";

/** One incident update as Statuspage shows it: `Resolved - <body>`, then `Posted <time>`. */
export function UpdateEntry({
  update,
  timeZone,
  cancelledAt = null,
  className = "",
}: {
  update: { status: IncidentStatus; body: string; displayAt: Date };
  timeZone: string;
  /** The incident's, which names the update that cancelled a maintenance window. */
  cancelledAt?: Date | null;
  className?: string;
}) {
  // Short class names (globals.css): the home page of a busy status page shows hundreds of updates.
  return (
    <div className={`update-entry ${className}`}>
      <div className="update-body">
        <strong>{updateLabel(update, cancelledAt)}</strong>
        {" - "}
        <Markdown source={update.body} className="contents" />
      </div>
      <p className="update-posted">
        Posted <Instant at={update.displayAt} timeZone={timeZone} />
      </p>
    </div>
  );
}
