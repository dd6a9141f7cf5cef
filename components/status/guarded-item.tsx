import type { ReactNode } from "react";
import { reportOnce } from "@/lib/log/report-once.ts";

/** What stands in for an item a page cannot show. */
export function ItemUnavailable({ as: Tag = "p" }: { as?: "p" | "li" | "span" }) {
  return <Tag className="text-sm text-gray-600 italic dark:text-gray-400">This item could not be shown.</Tag>;
}

/**
 * One item of a page (an update, an incident in a list), rendered now rather than later by React,
 * so that an error in it (a row stored before its fields were checked, such as a date no calendar
 * can show) replaces only that item with a placeholder, logged once, and never the whole page.
 * `render` must compute everything that can fail itself (call components as functions).
 */
export function guardedItem(where: string, render: () => ReactNode, as?: "p" | "li" | "span"): ReactNode {
  try {
    return render();
  } catch (error) {
    reportOnce(where, `${where} could not be shown; the page shows a placeholder for it:`, error);
    return <ItemUnavailable as={as} />;
  }
}
