// Statuspage's API writes every instant in the page's own offset with milliseconds
// (`2022-02-15T13:37:37.407-08:00`), and UTC pages as `...Z`; API clients compare these strings.

const PARTS: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
};
const byZone = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  const cached = byZone.get(timeZone) ?? new Intl.DateTimeFormat("en-US", { ...PARTS, timeZone });
  byZone.set(timeZone, cached);
  return cached;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** The instant as ISO-8601 with milliseconds in the zone's offset at that instant. */
export function toIsoInZone(instant: Date, timeZone: string): string {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const ms = instant.getUTCMilliseconds();
  const wallAsUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!, ms);
  const offsetMinutes = Math.round((wallAsUtc - instant.getTime()) / 60_000);
  const date = `${pad(p.year!, 4)}-${pad(p.month!)}-${pad(p.day!)}`;
  const time = `${pad(p.hour!)}:${pad(p.minute!)}:${pad(p.second!)}.${pad(ms, 3)}`;
  if (offsetMinutes === 0) return `${date}T${time}Z`;
  const sign = offsetMinutes < 0 ? "-" : "+";
  return `${date}T${time}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}

/** Null-safe form for optional instants. */
export function toIsoInZoneOrNull(instant: Date | null | undefined, timeZone: string): string | null {
  return instant ? toIsoInZone(instant, timeZone) : null;
}
