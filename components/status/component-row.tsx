"use client";

import { COMPONENT_STATUS_LABELS, type ComponentStatus } from "@/lib/domain.ts";
import { StatusIconUse } from "./status-icon.tsx";
import { COMPONENT_TONE, TONE_TEXT } from "./status-styles.ts";
import { UptimeBars, type UptimeCells } from "./uptime-bars.tsx";

// A client component for its payload, not for interactivity of its own: the server sends these
// few props per component instead of the row's whole element tree (a page can list hundreds).

export type ComponentRowProps = {
  name: string;
  description: string | null;
  status: ComponentStatus;
  /** Null when the component does not show uptime. */
  bars: { cells: UptimeCells; details: Record<number, string>; uptime: string } | null;
  /** The newest day, `YYYY-MM-DD`. */
  lastDay: string;
};

export function ComponentRow({ name, description, status, bars, lastDay }: ComponentRowProps) {
  const tone = COMPONENT_TONE[status];
  return (
    <li className="px-5 py-3">
      <div className="component-head">
        <div className="min-w-0">
          <span className="font-medium">{name}</span>
          {description ? <p className="text-sm text-gray-600 dark:text-gray-400">{description}</p> : null}
        </div>
        <span className={`component-status ${TONE_TEXT[tone]}`}>
          {COMPONENT_STATUS_LABELS[status]}
          <StatusIconUse tone={tone} className="size-4" />
        </span>
      </div>
      {bars ? (
        <UptimeBars componentName={name} cells={bars.cells} details={bars.details} lastDay={lastDay} uptime={bars.uptime} />
      ) : null}
    </li>
  );
}
