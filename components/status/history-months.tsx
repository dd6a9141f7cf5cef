import { Fragment } from "react";
import { incidentLabel } from "@/lib/incidents/labels.ts";
import type { HistoryData } from "@/lib/status-page/history.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { guardedItem } from "./guarded-item.tsx";
import { Instant } from "./instant.tsx";
import { IMPACT_LABEL, IMPACT_TONE, TONE_TEXT } from "./status-styles.ts";

/** The history page's incidents by month; one that cannot be shown leaves a placeholder, not an error page. */
export function HistoryMonths({ months, timeZone }: { months: HistoryData["months"]; timeZone: string }) {
  return months.map((month) => (
    <section key={month.month} className="mt-8" aria-labelledby={`m-${month.month}`}>
      <h2 id={`m-${month.month}`} className="border-b border-gray-200 pb-2 text-lg font-semibold dark:border-gray-800">
        {month.month}
      </h2>
      <ul className="mt-3 space-y-3">
        {month.incidents.map((i) => (
          <Fragment key={i.id}>
            {guardedItem(
              `Incident ${i.id}`,
              () => (
                <li>
                  <a
                    href={withBase(`/incidents/${i.id}`)}
                    className={`font-semibold hover:underline ${TONE_TEXT[IMPACT_TONE[i.impact]]}`}
                  >
                    {i.name}
                  </a>
                  <p className="text-sm text-gray-600 dark:text-gray-400">
                    {incidentLabel(i)} · {IMPACT_LABEL[i.impact]} · {Instant({ at: i.startedAt, timeZone })}
                  </p>
                </li>
              ),
              "li",
            )}
          </Fragment>
        ))}
      </ul>
    </section>
  ));
}
