import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { getHistory, HISTORY_PAGE_SIZE, parsePageNumber } from "./history.ts";

describe("getHistory", () => {
  it("lists incidents and past maintenance by month, newest first, without upcoming maintenance", async () => {
    const { db } = await ownDatabase();
    await seedDemo({ db, now: new Date("2026-11-28T12:00:00Z") });
    const history = await getHistory(db, { pageNumber: 1 });
    const names = history.months.flatMap((m) => m.incidents.map((i) => i.name));
    expect(names[0]).toBe("Delayed webhook deliveries");
    expect(names.at(-1)).toBe("Degraded Authkit Service");
    expect(names).toContain("Database upgrade");
    expect(names).not.toContain("Network maintenance in us-east-1");
    expect(history.months.at(-1)?.month).toBe("July 2024");
    expect(history.hasNext).toBe(false);
  });

  it("filters by component, and ignores an unknown one", async () => {
    const { db } = await ownDatabase();
    await seedDemo({ db, now: new Date("2026-11-28T12:00:00Z") });
    const authKit = await db.component.findFirstOrThrow({ where: { name: "AuthKit" } });
    const filtered = await getHistory(db, { pageNumber: 1, componentId: authKit.id });
    expect(filtered.componentId).toBe(authKit.id);
    expect(filtered.months.flatMap((m) => m.incidents.map((i) => i.name))).toEqual(["Degraded Authkit Service"]);
    const unknown = await getHistory(db, { pageNumber: 1, componentId: "nope" });
    expect(unknown.componentId).toBeNull();
    expect(unknown.months.flatMap((m) => m.incidents).length).toBeGreaterThan(1);
  });

  it("pages through many incidents", async () => {
    const { db } = await ownDatabase();
    await db.pageSettings.create({ data: { id: 1, name: "Many", timeZone: "UTC" } });
    const base = Date.UTC(2025, 0, 1);
    await db.incident.createMany({
      data: Array.from({ length: HISTORY_PAGE_SIZE + 3 }, (_, i) => ({
        name: `Incident ${i}`,
        status: "resolved" as const,
        startedAt: new Date(base + i * 86_400_000),
      })),
    });
    const first = await getHistory(db, { pageNumber: 1 });
    const second = await getHistory(db, { pageNumber: 2 });
    expect(first.months.flatMap((m) => m.incidents)).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.hasNext).toBe(true);
    expect(second.months.flatMap((m) => m.incidents.map((i) => i.name))).toEqual(["Incident 2", "Incident 1", "Incident 0"]);
    expect(second.hasNext).toBe(false);
  });
});

describe("parsePageNumber", () => {
  it("ignores anything but a sensible page number", () => {
    expect(parsePageNumber("3")).toBe(3);
    expect(parsePageNumber(["2", "3"])).toBe(2);
    for (const bad of [undefined, "", "0", "-1", "2.5", "abc", "1e9"]) expect(parsePageNumber(bad)).toBe(1);
  });
});
