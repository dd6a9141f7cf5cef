import type { ComponentGroupView, ComponentView } from "@/lib/status-page/queries.ts";
import { formatUptime } from "@/lib/uptime/compute-uptime.ts";
import { describeDays } from "@/lib/uptime/describe-day.ts";
import type { UptimeDayDetail } from "@/lib/uptime/queries.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { type ComponentItem, ComponentItems } from "./component-items.tsx";
import { StatusIconSymbols } from "./status-icon.tsx";
import { COMPONENT_TONE } from "./status-styles.ts";
import type { RelatedIncident } from "./uptime-bars.ts";

function relatedIncidents(details: ReadonlyMap<number, UptimeDayDetail>): Record<number, RelatedIncident[]> {
  const related: Record<number, RelatedIncident[]> = {};
  for (const [day, detail] of details) {
    if (detail.incidents.length)
      related[day] = detail.incidents.map((i) => ({ name: i.name, href: withBase(`/incidents/${i.id}`) }));
  }
  return related;
}

function toItem(component: ComponentView): ComponentItem {
  const { uptime } = component;
  return {
    name: component.name,
    description: component.description,
    status: component.status,
    bars: uptime
      ? {
          cells: uptime.cells,
          details: describeDays(uptime.details),
          related: relatedIncidents(uptime.details),
          uptime: formatUptime(uptime.uptimePercent),
        }
      : null,
  };
}

/** Components by group, each with its status and, where shown, its uptime over 90 days. */
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
      <ComponentItems groups={groups.map((g) => ({ name: g.name, components: g.components.map(toItem) }))} lastDay={lastDay} />
    </section>
  );
}
