import { formatInstant } from "@/lib/time/format-instant.ts";

// A page of updates formats hundreds of instants, the same ones on every render; formatting with
// the time zone's rules is what costs, so the words of recent instants are kept.
const MAX_KEPT = 5000;
const kept = new Map<string, string>();

/** `formatInstant`, remembered. */
export function formattedInstant(at: Date, timeZone: string): string {
  const key = `${timeZone}|${at.getTime()}`;
  let words = kept.get(key);
  if (words === undefined) {
    words = formatInstant(at, timeZone);
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(key, words);
  }
  return words;
}

/** An instant in the page's time zone, machine-readable in `dateTime`. */
export function Instant({ at, timeZone }: { at: Date; timeZone: string }) {
  return <time dateTime={at.toISOString()}>{formattedInstant(at, timeZone)}</time>;
}
