import type { Indicator } from "@/lib/components/overall-status.ts";
import type { ComponentStatus, Impact } from "@/lib/domain.ts";

export type Tone = "operational" | "degraded" | "partial" | "major" | "maintenance" | "none";

export const COMPONENT_TONE: Record<ComponentStatus, Tone> = {
  operational: "operational",
  degraded_performance: "degraded",
  partial_outage: "partial",
  major_outage: "major",
  under_maintenance: "maintenance",
};

export const INDICATOR_TONE: Record<Indicator, Tone> = {
  none: "operational",
  minor: "degraded",
  major: "partial",
  critical: "major",
  maintenance: "maintenance",
};

export const IMPACT_TONE: Record<Impact, Tone> = {
  none: "none",
  minor: "degraded",
  major: "partial",
  critical: "major",
  maintenance: "maintenance",
};

/** Text colour for a status word on the page background (contrast-checked in light and dark). */
export const TONE_TEXT: Record<Tone, string> = {
  operational: "text-green-700 dark:text-green-400",
  degraded: "text-yellow-700 dark:text-yellow-300",
  partial: "text-orange-700 dark:text-orange-300",
  major: "text-red-700 dark:text-red-400",
  maintenance: "text-blue-700 dark:text-blue-300",
  none: "text-gray-600 dark:text-gray-400",
};

/** Solid background with white text. */
export const TONE_SOLID: Record<Tone, string> = {
  operational: "bg-green-700",
  degraded: "bg-yellow-700",
  partial: "bg-orange-700",
  major: "bg-red-700",
  maintenance: "bg-blue-700",
  none: "bg-gray-600",
};

/**
 * A left border marking an incident card by its impact. The dark variant is repeated because the
 * card's `dark:border-gray-800` would otherwise win over the left border's colour.
 */
export const TONE_BORDER: Record<Tone, string> = {
  operational: "border-l-green-600 dark:border-l-green-500",
  degraded: "border-l-yellow-500 dark:border-l-yellow-400",
  partial: "border-l-orange-500 dark:border-l-orange-400",
  major: "border-l-red-600 dark:border-l-red-500",
  maintenance: "border-l-blue-600 dark:border-l-blue-400",
  none: "border-l-gray-400 dark:border-l-gray-500",
};

/** An incident's impact in words, so that it is never told by colour alone. */
export const IMPACT_LABEL: Record<Impact, string> = {
  none: "No impact",
  minor: "Minor impact",
  major: "Major impact",
  critical: "Critical impact",
  maintenance: "Maintenance",
};
