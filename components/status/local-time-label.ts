import { zoneAbbreviation } from "@/lib/time/format-instant.ts";

/** What the local-time switch says: which zone the times are in now, and what pressing it does. */
export function localTimeWords(options: { local: boolean; viewerZone: string; pageZone: string; now: Date }): {
  shown: string;
  action: string;
} {
  const { local, viewerZone, pageZone, now } = options;
  const viewer = zoneAbbreviation(now, viewerZone);
  const page = zoneAbbreviation(now, pageZone);
  return local
    ? { shown: `Times in your zone (${viewer})`, action: `Show page's zone (${page})` }
    : { shown: `Times in the page's zone (${page})`, action: `Show your zone (${viewer})` };
}
