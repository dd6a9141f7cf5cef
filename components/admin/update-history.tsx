import type { ReactNode } from "react";
import { Markdown } from "@/components/status/markdown.tsx";
import { COMPONENT_STATUS_LABELS, type ComponentStatus, type IncidentStatus } from "@/lib/domain.ts";
import { updateLabel } from "@/lib/incidents/labels.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";

export type HistoryUpdate = {
  id: string;
  status: IncidentStatus;
  cancelsWindow: boolean;
  body: string;
  displayAt: Date;
  editedAt: Date | null;
  author: { email: string } | null;
  componentChanges: { id: string; componentName: string; oldStatus: ComponentStatus; newStatus: ComponentStatus }[];
};

/**
 * The updates of an incident or maintenance as staff see them, newest first: status, time, author,
 * text and component changes, each with its editor (`edit`) behind "Edit this update".
 */
export function UpdateHistory<U extends HistoryUpdate>({
  updates,
  timeZone,
  edit,
  after,
}: {
  updates: U[];
  timeZone: string;
  edit: (update: U) => ReactNode;
  /** Shown under each update's text (the incident page's notification deliveries). */
  after?: (update: U) => ReactNode;
}) {
  return (
    <ol className="space-y-4">
      {updates.map((u) => (
        <li key={u.id} className="border-b border-gray-200 pb-4 last:border-0 dark:border-gray-800">
          <p className="text-sm">
            <span className="font-semibold">{updateLabel(u)}</span> · {formatInstant(u.displayAt, timeZone)}
            {u.author ? ` · ${u.author.email}` : ""}
            {u.editedAt ? " · edited" : ""}
          </p>
          <Markdown source={u.body} className="mt-1" />
          {u.componentChanges.length > 0 ? (
            <ul className="mt-1 text-sm text-gray-600 dark:text-gray-400">
              {u.componentChanges.map((c) => (
                <li key={c.id}>
                  {c.componentName}: {COMPONENT_STATUS_LABELS[c.oldStatus]} → {COMPONENT_STATUS_LABELS[c.newStatus]}
                </li>
              ))}
            </ul>
          ) : null}
          {after?.(u)}
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium text-indigo-700 dark:text-indigo-300">
              Edit this update
            </summary>
            {edit(u)}
          </details>
        </li>
      ))}
    </ol>
  );
}
