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
});
