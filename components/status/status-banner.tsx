import type { OverallStatus } from "@/lib/components/overall-status.ts";
import { StatusIcon } from "./status-icon.tsx";
import { INDICATOR_TONE, TONE_SOLID } from "./status-styles.ts";

export function StatusBanner({ overall }: { overall: OverallStatus }) {
  const tone = INDICATOR_TONE[overall.indicator];
  return (
    <section
      aria-label="Current status"
      className={`flex items-center gap-3 rounded-lg px-5 py-3 text-lg font-semibold text-white shadow-sm ${TONE_SOLID[tone]}`}
    >
      <StatusIcon tone={tone} className="size-7 shrink-0 text-white/25" />
      <h2 data-indicator={overall.indicator}>{overall.description}</h2>
    </section>
  );
}
