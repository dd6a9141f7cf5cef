import type { ComponentGroupView, ComponentView } from "@/lib/status-page/queries.ts";
import { formatUptime } from "@/lib/uptime/compute-uptime.ts";
import { describeDays } from "@/lib/uptime/describe-day.ts";
import { ComponentRow } from "./component-row.tsx";
import { StatusIconSymbols } from "./status-icon.tsx";
import { COMPONENT_TONE } from "./status-styles.ts";

function Row({ component, lastDay }: { component: ComponentView; lastDay: string }) {
  const { uptime } = component;
  return (
    <ComponentRow
      name={component.name}
      description={component.description}
      status={component.status}
      bars={
        uptime ? { cells: uptime.cells, details: describeDays(uptime.details), uptime: formatUptime(uptime.uptimePercent) } : null
      }
      lastDay={lastDay}
    />
  );
}

/** Components by group; groups fold open and shut without JavaScript (`<details>`). */
export function ComponentList({ groups, lastDay }: { groups: ComponentGroupView[]; lastDay: string }) {
  return (
    <section
      aria-labelledby="components-heading"
      className="rounded-lg border border-gray-200 bg-white dark:border-gray-800 dark:bg-gray-900"
    >
      <h2 id="components-heading" className="sr-only">
        Components
      </h2>
      <StatusIconSymbols tones={[...new Set(groups.flatMap((g) => g.components.map((c) => COMPONENT_TONE[c.status])))]} />
      <ul className="divide-y divide-gray-200 dark:divide-gray-800">
        {groups.map((group) =>
          group.id === null ? (
            <Row key={group.components[0]!.id} component={group.components[0]!} lastDay={lastDay} />
          ) : (
            <li key={group.id}>
              <details open className="group">
                <summary className="flex cursor-pointer list-none items-center justify-between gap-4 px-5 py-3 font-semibold [&::-webkit-details-marker]:hidden">
                  <span className="flex items-center gap-2">
                    <svg viewBox="0 0 20 20" className="size-4 transition-transform group-open:rotate-90" aria-hidden="true">
                      <path d="M7 5l6 5-6 5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
                    </svg>
                    {group.name}
                  </span>
                  <span className="text-sm font-normal text-gray-600 dark:text-gray-400">
                    {group.components.length} components
                  </span>
                </summary>
                <ul className="divide-y divide-gray-100 border-t border-gray-100 pl-4 dark:divide-gray-800 dark:border-gray-800">
                  {group.components.map((c) => (
                    <Row key={c.id} component={c} lastDay={lastDay} />
                  ))}
                </ul>
              </details>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
