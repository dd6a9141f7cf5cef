import { formatInstant } from "@/lib/time/format-instant.ts";

/** An instant in the page's time zone, machine-readable in `dateTime`. */
export function Instant({ at, timeZone }: { at: Date; timeZone: string }) {
  return <time dateTime={at.toISOString()}>{formatInstant(at, timeZone)}</time>;
}
