import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { IncidentCard } from "../components/status/incident-card.tsx";
import { PastIncidents } from "../components/status/past-incidents.tsx";
import { createIncident } from "../lib/incidents/create-incident.ts";
import { scheduleMaintenanceSchema } from "../lib/maintenance/schemas.ts";
import { getPublicApiData } from "../lib/public-api/queries.ts";
import { serializeEndpoint } from "../lib/public-api/statuspage-v2.ts";
import { getStatusPageData } from "../lib/status-page/queries.ts";
import { parseWallTime } from "../lib/time/wall-time.ts";
import { ownDatabase } from "./support/db.ts";
import { makeStaff } from "./support/factories.ts";

// An editor once froze the public page with a maintenance window ending 9999-12-31T23:59 (in a
// zone ahead of UTC, year 10000: PostgreSQL stores it, JavaScript reads Invalid Date back, and
// formatting it threw). Such dates are refused now, and rows stored before cannot break a page.

describe("dates out of bounds", () => {
  it("are refused where staff type them, and two-digit years are not read as 19xx", () => {
    expect(parseWallTime("9999-12-31T23:59", "America/New_York")).toBeNull();
    expect(parseWallTime("0099-01-01T00:00", "UTC")).toBeNull();
    expect(parseWallTime("0070-01-01T00:00", "UTC")).toBeNull();
    expect(parseWallTime("2100-12-31T23:59", "UTC")?.toISOString()).toBe("2100-12-31T23:59:00.000Z");
    const result = scheduleMaintenanceSchema.safeParse({
      name: "Far",
      message: "Planned.",
      scheduledFor: new Date("2026-12-01T00:00:00Z"),
      scheduledUntil: new Date("+010000-01-01T04:59:00Z"),
    });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["scheduledUntil", "Enter a date between 1970 and 2100."],
    ]);
  });

  it("stored before they were checked, leave the page and summary.json working, showing the next incident", async () => {
    const { db } = await ownDatabase();
    await db.pageSettings.create({ data: { id: 1, name: "Zoned", timeZone: "America/New_York" } });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    // As an old release stored it: written directly, past every check.
    await db.$executeRaw`
      INSERT INTO "Incident" (id, kind, name, status, impact, "startedAt", "scheduledFor", "scheduledUntil", "updatedAt")
      VALUES ('far-window', 'maintenance', 'Far window', 'scheduled', 'maintenance', now(), now() + interval '1 day',
              '10000-01-01 04:59:00+00', now())`;
    await db.$executeRaw`
      INSERT INTO "Incident" (id, kind, name, status, impact, "startedAt", "updatedAt")
      VALUES ('far-start', 'incident', 'Far start', 'investigating', 'minor', '10000-01-01 04:59:00+00', now())`;
    await db.$executeRaw`
      INSERT INTO "IncidentUpdate" (id, "incidentId", status, body, "displayAt", "updatedAt")
      VALUES ('far-update', 'far-window', 'scheduled', 'Planned.', '10000-01-01 04:59:00+00', now())`;
    const actor = await makeStaff(db);
    await createIncident({ db, actor, input: { name: "Login errors", status: "investigating", message: "Looking into it." } });

    const page = await getStatusPageData(db);
    const markup = [...page.openIncidents, ...page.activeMaintenance, ...page.upcomingMaintenance]
      .map((incident) => renderToStaticMarkup(IncidentCard({ incident, timeZone: page.page.timeZone })))
      .join("");
    const past = renderToStaticMarkup(PastIncidents({ days: page.pastDays, timeZone: page.page.timeZone }));
    expect(markup).toContain("Login errors");
    expect(markup).toContain("Far window");
    expect(markup + past).not.toContain("Far start");

    const summary = serializeEndpoint("summary", await getPublicApiData(db)) as {
      incidents: { name: string }[];
      scheduled_maintenances: { name: string; scheduled_until: string | null }[];
    };
    expect(JSON.parse(JSON.stringify(summary)).incidents.map((i: { name: string }) => i.name)).toEqual(["Login errors"]);
    expect(summary.scheduled_maintenances).toMatchObject([{ name: "Far window", scheduled_until: null }]);
    // Logged once per item, however often the page renders.
    await getStatusPageData(db);
    const logged = errors.mock.calls.map((call) => String(call[0]));
    expect(logged.filter((line) => line.startsWith("Incident far-window")).length).toBe(1);
    errors.mockRestore();
  });
});
