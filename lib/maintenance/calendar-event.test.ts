import { describe, expect, it } from "vitest";
import { maintenanceCalendar } from "./calendar-event.ts";

const window = {
  id: "mnt1",
  name: "Database upgrade, phase 2; read-only",
  scheduledFor: new Date("2030-03-10T06:00:00.000Z"),
  scheduledUntil: new Date("2030-03-10T08:30:00.000Z"),
  url: "https://status.acme.test/incidents/mnt1",
  pageName: "Acme",
};

/** The unfolded value of a property (RFC 5545 folds long lines with CRLF and a space). */
function property(ics: string, name: string): string | undefined {
  const unfolded = ics.replace(/\r\n[ \t]/g, "");
  return unfolded.split("\r\n").find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));
}

describe("a maintenance window as an iCalendar event", () => {
  it("has the window's start and end in UTC, its name and its page", () => {
    const ics = maintenanceCalendar(window);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain("BEGIN:VEVENT");
    expect(property(ics, "DTSTART")).toBe("DTSTART:20300310T060000Z");
    expect(property(ics, "DTEND")).toBe("DTEND:20300310T083000Z");
    expect(property(ics, "SUMMARY")).toBe("SUMMARY:Acme: Database upgrade\\, phase 2\\; read-only");
    expect(property(ics, "URL")).toBe("URL:https://status.acme.test/incidents/mnt1");
    expect(property(ics, "UID")).toBe("UID:maintenance-mnt1@upstate");
  });
});
