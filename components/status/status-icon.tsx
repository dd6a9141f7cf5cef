import type { Tone } from "./status-styles.ts";

const PATHS: Record<Tone, string> = {
  operational: "M5 10.5l3.2 3.2L15 7", // check
  degraded: "M10 6v5M10 14h.01", // exclamation
  partial: "M10 6v5M10 14h.01",
  major: "M7 7l6 6M13 7l-6 6", // cross
  maintenance: "M7 10h6M10 7v6", // plus-like wrench stand-in
  none: "M7 10h6",
};

/** A small round status icon; decorative, since the status is always also written out. */
export function StatusIcon({ tone, className = "size-5" }: { tone: Tone; className?: string }) {
  return (
    <svg viewBox="0 0 20 20" className={className} aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="10" fill="currentColor" />
      <path d={PATHS[tone]} stroke="white" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" fill="none" />
    </svg>
  );
}

/** The icons once, for `<use href="#status-icon-<tone>">` to point at: a page with hundreds of components stays small. */
export function StatusIconSymbols({ tones }: { tones: readonly Tone[] }) {
  return (
    <svg className="absolute size-0" aria-hidden="true" focusable="false">
      {tones.map((tone) => (
        <symbol key={tone} id={`status-icon-${tone}`} viewBox="0 0 20 20">
          <circle cx="10" cy="10" r="10" fill="currentColor" />
          <path d={PATHS[tone]} stroke="white" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" fill="none" />
        </symbol>
      ))}
    </svg>
  );
}
