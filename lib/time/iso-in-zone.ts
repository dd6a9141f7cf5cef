import { calendarDay, offsetAt, pad, partsInZone } from "./zoned-parts.ts";

// Statuspage's API writes every instant in the page's own offset with milliseconds
// (`2022-02-15T13:37:37.407-08:00`), and UTC pages as `...Z`; API clients compare these strings.

/** The instant as ISO-8601 with milliseconds in the zone's offset at that instant. */
export function toIsoInZone(instant: Date, timeZone: string): string {
  const parts = partsInZone(instant, timeZone);
  const offsetMinutes = Math.round(offsetAt(instant, timeZone) / 60_000);
  const time = `${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}.${pad(instant.getUTCMilliseconds(), 3)}`;
  const local = `${calendarDay(parts)}T${time}`;
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? "-" : "+";
  return `${local}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}

/** Null-safe form for optional instants. */
export function toIsoInZoneOrNull(instant: Date | null | undefined, timeZone: string): string | null {
  return instant ? toIsoInZone(instant, timeZone) : null;
}
