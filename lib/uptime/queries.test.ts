import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import type { ComponentStatus } from "../domain.ts";
import { startOfDay } from "../time/zone.ts";
import { computeUptime } from "./compute-uptime.ts";
import { dayWindows, getComponentUptime, UPTIME_DAYS } from "./queries.ts";

const tz = "America/New_York";
const at = (iso: string) => new Date(iso);
// The window runs from Aug 8 to Nov 5, 2024 (New York), over the 25-hour day of Nov 3.
const now = at("2024-11-05T15:00:00Z");
const CELL: Record<ComponentStatus, string> = {
  operational: "o",
  under_maintenance: "m",
  degraded_performance: "d",
  partial_outage: "p",
  major_outage: "M",
};

async function component(startDate: string, changes: [string, ComponentStatus][]) {
  const db = testDb();
  const c = await db.component.create({ data: { name: `Uptime ${Math.random()}`, startDate: new Date(startDate) } });
  // One at a time, so that changes at the same instant keep their order (by id).
  for (const [iso, status] of changes)
    await db.componentStatusChange.create({ data: { componentId: c.id, status, at: at(iso) } });
  return c;
}

async function incident(
  name: string,
  startedAt: string,
  resolvedAt: string | null,
  componentIds: string[],
  kind: "incident" | "maintenance" = "incident",
) {
  await testDb().incident.create({
    data: {
      name,
      kind,
      status: resolvedAt ? "resolved" : "investigating",
      startedAt: at(startedAt),
      resolvedAt: resolvedAt ? at(resolvedAt) : null,
      components: { create: componentIds.map((componentId) => ({ componentId })) },
    },
  });
}

/** What the page showed before the query: computeUptime over the whole history, in JavaScript. */
async function reference(c: { id: string; startDate: Date }) {
  const db = testDb();
  const changes = await db.componentStatusChange.findMany({
    where: { componentId: c.id },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  const windows = dayWindows(now, tz);
  const result = computeUptime({
    changes,
    days: windows,
    startsAt: startOfDay(c.startDate.toISOString().slice(0, 10), tz),
    now,
  });
  const incidents = await db.incident.findMany({
    where: { kind: "incident", components: { some: { componentId: c.id } } },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  });
  const incidentsByDay = windows.map((w) =>
    incidents
      .filter(
        (i) =>
          i.startedAt < now &&
          i.startedAt < w.end &&
          w.start <= (i.resolvedAt ?? now) &&
          (i.resolvedAt ?? now) >= windows[0]!.start,
      )
      .map((i) => ({ id: i.id, name: i.name })),
  );
  return {
    cells: result.days.map((d) => (d.worst ? CELL[d.worst] : "-")).join(""),
    uptimePercent: result.uptimePercent,
    days: result.days.map((d, i) => ({
      majorMinutes: d.majorMinutes,
      partialMinutes: d.partialMinutes,
      degradedMinutes: d.degradedMinutes,
      maintenanceMinutes: d.maintenanceMinutes,
      incidents: incidentsByDay[i]!,
    })),
  };
}

async function expectSameAsReference(components: { id: string; startDate: Date }[]) {
  const uptime = await getComponentUptime(testDb(), { components, timeZone: tz, now });
  for (const c of components) {
    const expected = await reference(c);
    const got = uptime.get(c.id)!;
    expect(got.cells).toBe(expected.cells);
    expect(got.cells).toHaveLength(UPTIME_DAYS);
    if (expected.uptimePercent === null) expect(got.uptimePercent).toBeNull();
    else expect(got.uptimePercent).toBeCloseTo(expected.uptimePercent, 9);
    const empty = { majorMinutes: 0, partialMinutes: 0, degradedMinutes: 0, maintenanceMinutes: 0, incidents: [] };
    expect(expected.days.map((_, i) => got.details.get(i) ?? empty)).toEqual(expected.days);
  }
  return uptime;
}

describe("getComponentUptime", () => {
  it("agrees with computeUptime on a history full of edge cases", async () => {
    const busy = await component("2024-01-01", [
      ["2024-01-01T05:00:00Z", "operational"],
      ["2024-08-08T04:00:00Z", "degraded_performance"], // the window's first instant
      ["2024-08-08T06:00:00Z", "operational"],
      ["2024-09-12T03:30:00Z", "major_outage"], // 23:30 EDT on Sep 11, across local midnight
      ["2024-09-12T04:30:00Z", "operational"],
      ["2024-10-01T12:00:00Z", "partial_outage"], // entered and left at the same instant
      ["2024-10-01T12:00:00Z", "operational"],
      ["2024-10-15T13:00:00Z", "under_maintenance"],
      ["2024-10-15T14:00:00Z", "degraded_performance"],
      ["2024-10-15T14:30:00Z", "operational"],
      ["2024-11-03T04:00:00Z", "partial_outage"], // all of the 25-hour day of Nov 3
      ["2024-11-04T05:00:00Z", "operational"],
      ["2024-11-05T14:00:00Z", "major_outage"], // still on: today counts up to now
    ]);
    const lateStarter = await component("2024-09-20", [
      ["2024-09-20T04:00:00Z", "operational"],
      ["2024-09-19T20:00:00Z", "major_outage"], // before its start date: not counted
      ["2024-09-20T06:00:00Z", "operational"],
      ["2024-10-02T10:00:00Z", "partial_outage"],
      ["2024-10-02T10:20:30Z", "operational"],
    ]);
    const quiet = await component("2023-05-01", []);
    const downSinceBefore = await component("2024-01-01", [["2024-07-01T00:00:00Z", "major_outage"]]);

    await incident("Across midnight", "2024-09-12T03:30:00Z", "2024-09-12T04:30:00Z", [busy.id, lateStarter.id]);
    await incident("Before the start date", "2024-09-18T12:00:00Z", "2024-09-18T13:00:00Z", [lateStarter.id]);
    await incident("Still open", "2024-11-05T14:00:00Z", null, [busy.id]);
    await incident("Long ago", "2024-05-01T12:00:00Z", "2024-05-01T13:00:00Z", [busy.id]);
    await incident("Maintenance is not an incident", "2024-10-15T13:00:00Z", "2024-10-15T14:00:00Z", [busy.id], "maintenance");

    const uptime = await expectSameAsReference([busy, lateStarter, quiet, downSinceBefore]);

    // Spot checks, so that a shared mistake in both would still show.
    const days = dayWindows(now, tz).map((w) => w.day);
    const busyUptime = uptime.get(busy.id)!;
    expect(busyUptime.cells[days.indexOf("2024-09-11")]).toBe("M");
    expect(busyUptime.details.get(days.indexOf("2024-09-11"))).toMatchObject({
      majorMinutes: 30,
      incidents: [expect.objectContaining({ name: "Across midnight" })],
    });
    expect(busyUptime.details.get(days.indexOf("2024-09-12"))).toMatchObject({
      majorMinutes: 30,
      incidents: [expect.objectContaining({ name: "Across midnight" })],
    });
    expect(busyUptime.cells[days.indexOf("2024-10-01")]).toBe("p");
    expect(busyUptime.details.has(days.indexOf("2024-10-01"))).toBe(false);
    expect(busyUptime.details.get(days.indexOf("2024-11-03"))).toMatchObject({ partialMinutes: 25 * 60 });
    expect(busyUptime.details.get(days.indexOf("2024-11-05"))).toMatchObject({
      majorMinutes: 60,
      incidents: [expect.objectContaining({ name: "Still open" })],
    });
    const late = uptime.get(lateStarter.id)!;
    expect(late.cells.slice(0, days.indexOf("2024-09-20"))).toMatch(/^-+$/);
    expect(late.details.get(days.indexOf("2024-09-18"))).toMatchObject({
      incidents: [expect.objectContaining({ name: "Before the start date" })],
    });
    expect(late.details.get(days.indexOf("2024-10-02"))).toMatchObject({ partialMinutes: 21 });
    expect(uptime.get(quiet.id)).toMatchObject({ cells: "o".repeat(UPTIME_DAYS), uptimePercent: 100 });
    expect(uptime.get(downSinceBefore.id)).toMatchObject({ cells: "M".repeat(UPTIME_DAYS), uptimePercent: 0 });
  });

  it("lists an incident once on each day it touched, whatever its components and updates", async () => {
    const db = testDb();
    const group = await db.componentGroup.create({ data: { name: `Group ${Math.random()}` } });
    const members = await Promise.all(
      ["A", "B"].map((name) =>
        db.component.create({ data: { name: `${name} ${Math.random()}`, groupId: group.id, startDate: at("2024-01-01") } }),
      ),
    );
    const { id } = await db.incident.create({
      data: {
        name: "Both halves down",
        status: "resolved",
        startedAt: at("2024-11-01T22:00:00Z"),
        resolvedAt: at("2024-11-02T06:00:00Z"),
        components: { create: members.map((member) => ({ componentId: member.id })) },
        // Each update changes both components: several rows name the incident on each day.
        updates: {
          create: (
            [
              ["investigating", "2024-11-01T22:00:00Z", "major_outage"],
              ["identified", "2024-11-01T23:00:00Z", "partial_outage"],
              ["monitoring", "2024-11-02T05:00:00Z", "operational"],
              ["resolved", "2024-11-02T06:00:00Z", "operational"],
            ] as const
          ).map(([status, displayAt, newStatus]) => ({
            status,
            body: status,
            displayAt: at(displayAt),
            componentChanges: {
              create: members.map((member) => ({
                componentId: member.id,
                componentName: member.name,
                oldStatus: "operational" as const,
                newStatus,
              })),
            },
          })),
        },
      },
    });
    const uptime = await getComponentUptime(db, { components: members, timeZone: tz, now });
    const days = dayWindows(now, tz).map((w) => w.day);
    for (const member of members) {
      for (const day of ["2024-11-01", "2024-11-02"]) {
        expect(uptime.get(member.id)!.details.get(days.indexOf(day))!.incidents).toEqual([{ id, name: "Both halves down" }]);
      }
    }
  });

  it("shows no data for a component that starts tomorrow", async () => {
    const future = await component("2024-11-06", []);
    const uptime = await expectSameAsReference([future]);
    expect(uptime.get(future.id)).toMatchObject({ cells: "-".repeat(UPTIME_DAYS), uptimePercent: null });
  });
});
