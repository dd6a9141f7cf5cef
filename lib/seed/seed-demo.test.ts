import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { getPublicIncident } from "../incidents/queries.ts";
import { getStatusPageData } from "../status-page/queries.ts";
import { computeTimelineDurations } from "../timeline/durations.ts";
import { REFERENCE_POSTMORTEM_MARKDOWN, REFERENCE_UPDATE_BODY } from "./reference-incident.ts";
import { ensurePageSettings, seedDemo } from "./seed-demo.ts";

const reference = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../tests/fixtures/reference/workos-authkit-2024-07-11.json"), "utf8"),
);
const referenceText = readFileSync(
  path.resolve(import.meta.dirname, "../../tests/fixtures/reference/workos-authkit-2024-07-11.txt"),
  "utf8",
);

/** The words of a text, without markdown's markup or the .txt's bullets. */
const words = (text: string) =>
  text
    .replace(/^## /gm, "")
    .replace(/\*\*/g, "")
    .replace(/^\s*[-•]\s+/gm, "")
    .split(/\s+/)
    .filter(Boolean);

describe("seedDemo", () => {
  it("publishes the reference incident exactly as stored in tests/fixtures/reference", async () => {
    const { db } = await ownDatabase();
    expect(await seedDemo({ db, now: new Date("2026-11-28T12:00:00Z") })).toBe(true);

    const page = await db.pageSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(page).toMatchObject({ name: reference.page.name, timeZone: reference.page.timeZone });

    const row = await db.incident.findFirstOrThrow({ where: { name: reference.incident.name } });
    expect(row.impact).toBe(reference.incident.impact);
    expect(row.startedAt.toISOString()).toBe(new Date(reference.incident.startedAt).toISOString());
    expect(row.resolvedAt?.toISOString()).toBe(new Date(reference.incident.resolvedAt).toISOString());
    expect(row.status).toBe("resolved");

    const incident = (await getPublicIncident(db, row.id))!;
    expect(incident.components.map((c) => c.name)).toEqual(reference.incident.affectedComponents);
    expect(incident.updates).toHaveLength(1);
    expect(incident.updates[0]).toMatchObject({
      status: "resolved",
      body: reference.incident.updates[0].body,
      displayAt: new Date(reference.incident.updates[0].displayAt),
    });
    expect(incident.postmortem?.publishedAt).toEqual(new Date(reference.incident.postmortem.publishedAt));
    for (const section of reference.incident.postmortem.sections) {
      expect(incident.postmortem?.body).toContain(`## ${section}\n`);
    }
    expect(incident.timeline.map((e) => [e.at.toISOString(), e.kind, e.text])).toEqual(
      reference.incident.timeline.map((e: { at: string; kind: string; text: string }) => [
        new Date(e.at).toISOString(),
        e.kind,
        e.text,
      ]),
    );
    const d = computeTimelineDurations(incident.timeline, incident.startedAt);
    expect([d.timeToAcknowledge, d.timeToMitigate, d.impactDuration, d.timeToPermanentFix]).toEqual([27, 32, 46, 270]);
  });

  it("keeps the postmortem's words exactly as the .txt has them", () => {
    const lines = referenceText.split("\n");
    const from = lines.indexOf("Summary");
    const to = lines.findIndex((l) => l.startsWith("  • 2024-07-12 00:31"));
    expect(words(REFERENCE_POSTMORTEM_MARKDOWN)).toEqual(words(lines.slice(from, to + 1).join("\n")));
    expect(referenceText).toContain(`Resolved\n${REFERENCE_UPDATE_BODY}\n`);
  });

  it("gives every part of the status page something to show", async () => {
    const { db } = await ownDatabase();
    const now = new Date("2026-11-28T12:00:00Z");
    await seedDemo({ db, now });
    const data = await getStatusPageData(db, now);
    expect(data.groups.map((g) => g.name)).toEqual(["Authentication", null, "Platform"]);
    expect(data.openIncidents.length).toBeGreaterThan(0);
    expect(data.upcomingMaintenance).toHaveLength(1);
    expect(data.pastDays.filter((d) => d.incidents.length > 0).length).toBeGreaterThan(1);
    expect(data.overall.indicator).toBe("minor");
  });

  it("never seeds a database that already has data", async () => {
    const { db } = await ownDatabase();
    await db.component.create({ data: { name: "Existing", startDate: new Date("2025-01-01") } });
    expect(await seedDemo({ db })).toBe(false);
    expect(await db.incident.count()).toBe(0);
    expect(await db.component.count()).toBe(1);
  });

  it("seeds once when two starts race", async () => {
    const { db } = await ownDatabase();
    const results = await Promise.all([seedDemo({ db }), seedDemo({ db })]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.pageSettings.count()).toBe(1);
  });

  it("makes the settings row of an empty page once when several starts race, and keeps an existing one", async () => {
    const { db } = await ownDatabase();
    await Promise.all(Array.from({ length: 4 }, () => ensurePageSettings(db, "https://status.example.com")));
    expect(await db.pageSettings.findMany({ select: { name: true, publicUrl: true } })).toEqual([
      { name: "Status", publicUrl: "https://status.example.com" },
    ]);
    await db.pageSettings.update({ where: { id: 1 }, data: { name: "Renamed" } });
    await ensurePageSettings(db, "https://other.example.com");
    expect(await db.pageSettings.findUniqueOrThrow({ where: { id: 1 }, select: { name: true, publicUrl: true } })).toEqual({
      name: "Renamed",
      publicUrl: "https://status.example.com",
    });
  });
});

describe("the reference incident's update", () => {
  it("records AuthKit going from partial outage back to operational", async () => {
    const { db } = await ownDatabase();
    await seedDemo({ db, now: new Date("2026-11-28T12:00:00Z") });
    const change = await db.incidentUpdateComponent.findFirstOrThrow({
      where: { update: { incident: { name: "Degraded Authkit Service" } } },
    });
    expect(change).toMatchObject({ componentName: "AuthKit", oldStatus: "partial_outage", newStatus: "operational" });
  });
});
