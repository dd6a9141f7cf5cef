import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { getStatusPageData } from "./queries.ts";

describe("getStatusPageData", () => {
  it("lists a past incident under the day it started in the page's time zone", async () => {
    const { db } = await ownDatabase();
    await db.pageSettings.create({ data: { id: 1, name: "Zoned", timeZone: "America/New_York" } });
    const started = (iso: string, name: string) =>
      db.incident.create({ data: { name, status: "resolved", startedAt: new Date(iso), resolvedAt: new Date(iso) } });
    await started("2026-11-26T04:30:00Z", "Late evening"); // 23:30 EST on Nov 25
    await started("2026-11-26T05:00:00Z", "Midnight"); // 00:00 EST on Nov 26
    await started("2026-11-14T04:59:00Z", "Before the window"); // 23:59 EST on Nov 13
    await started("2026-11-28T16:59:00Z", "Today");

    const data = await getStatusPageData(db, new Date("2026-11-28T17:00:00Z"));
    const byDay = Object.fromEntries(data.pastDays.map((d) => [d.day, d.incidents.map((i) => i.name)]));
    expect(data.pastDays).toHaveLength(15);
    expect(data.pastDays[0]!.day).toBe("2026-11-28");
    expect(data.pastDays.at(-1)!.day).toBe("2026-11-14");
    expect(byDay["2026-11-28"]).toEqual(["Today"]);
    expect(byDay["2026-11-26"]).toEqual(["Midnight"]);
    expect(byDay["2026-11-25"]).toEqual(["Late evening"]);
    expect(Object.values(byDay).flat()).not.toContain("Before the window");
  });

  it("gives open incidents and maintenance with their components by position and updates newest first", async () => {
    const { db } = await ownDatabase();
    await db.pageSettings.create({ data: { id: 1, name: "Plain", timeZone: "UTC" } });
    const [second, first] = await Promise.all(
      [
        ["Second", 2],
        ["First", 1],
      ].map(([name, position]) =>
        db.component.create({ data: { name: name as string, position: position as number, startDate: new Date("2026-01-01") } }),
      ),
    );
    const updates = (times: [string, "investigating" | "identified" | "scheduled"][]) =>
      times.map(([iso, status]) => ({ status, body: `At ${iso}`, displayAt: new Date(iso) }));
    await db.incident.create({
      data: {
        name: "Open",
        status: "identified",
        startedAt: new Date("2026-11-28T10:00:00Z"),
        components: { create: [{ componentId: second!.id }, { componentId: first!.id }] },
        updates: {
          create: updates([
            ["2026-11-28T10:00:00Z", "investigating"],
            ["2026-11-28T11:00:00Z", "identified"],
          ]),
        },
      },
    });
    await db.incident.create({
      data: {
        name: "Upcoming",
        kind: "maintenance",
        status: "scheduled",
        startedAt: new Date("2026-12-05T10:00:00Z"),
        scheduledFor: new Date("2026-12-05T10:00:00Z"),
        updates: { create: updates([["2026-11-20T10:00:00Z", "scheduled"]]) },
      },
    });

    const data = await getStatusPageData(db, new Date("2026-11-28T12:00:00Z"));
    expect(data.openIncidents).toHaveLength(1);
    const open = data.openIncidents[0]!;
    expect(open).toMatchObject({ name: "Open", kind: "incident", status: "identified", components: ["First", "Second"] });
    expect(open.updates.map((u) => u.body)).toEqual(["At 2026-11-28T11:00:00Z", "At 2026-11-28T10:00:00Z"]);
    expect(open.updates[0]!.displayAt).toEqual(new Date("2026-11-28T11:00:00Z"));
    expect(data.upcomingMaintenance.map((m) => m.name)).toEqual(["Upcoming"]);
    expect(data.upcomingMaintenance[0]!.scheduledFor).toEqual(new Date("2026-12-05T10:00:00Z"));
    expect(data.pastDays[0]!.incidents.map((i) => i.name)).toEqual(["Open"]);
  });
});
