import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { readFixture } from "../../tests/support/statuspage-fixtures.ts";
import type { Db } from "../db/client.ts";
import { getPublicApiData } from "../public-api/queries.ts";
import { serializeEndpoint } from "../public-api/statuspage-v2.ts";
import { importStatuspage } from "./import-statuspage.ts";
import { readStatuspageExport } from "./read-statuspage-export.ts";

type Files = { "components.json"?: unknown; "incidents.json"?: unknown; "scheduled-maintenances.json"?: unknown | string };

async function exportFolder(files: Files): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "statuspage-export-"));
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

const discord = (): Files => ({
  "components.json": readFixture("discord-components-with-group-2019.json"),
  "incidents.json": readFixture("discord-incidents.json"),
  "scheduled-maintenances.json": readFixture("discord-scheduled-maintenances.json"),
});

const github = (): Files => {
  const components = readFixture("github-components-2024-09-17.json");
  return {
    "components.json": components,
    "incidents.json": readFixture("github-incidents-2024-09-17.json"),
    "scheduled-maintenances.json": { page: components.page, scheduled_maintenances: [] },
  };
};

async function importFolder(db: Db, files: Files) {
  return importStatuspage({ db, data: await readStatuspageExport(await exportFolder(files)) });
}

/** Every row the importer can write, for before/after comparisons. */
async function snapshot(db: Db) {
  return {
    page: await db.pageSettings.findMany(),
    groups: await db.componentGroup.findMany({ orderBy: { id: "asc" } }),
    components: await db.component.findMany({ orderBy: { id: "asc" } }),
    incidents: await db.incident.findMany({ orderBy: { id: "asc" } }),
    incidentComponents: await db.incidentComponent.findMany({ orderBy: [{ incidentId: "asc" }, { componentId: "asc" }] }),
    updates: await db.incidentUpdate.findMany({ orderBy: { id: "asc" } }),
    updateComponents: await db.incidentUpdateComponent.findMany({ orderBy: { id: "asc" } }),
    statusChanges: await db.componentStatusChange.findMany({ orderBy: { id: "asc" } }),
  };
}

// Databases are made at the top level: ownDatabase registers the afterAll that drops them, and
// an afterAll registered from inside a hook or a test never runs.
const [discordDb, githubDb, badInputDb] = await Promise.all([ownDatabase(), ownDatabase(), ownDatabase()]);

describe("importing Discord's Statuspage history from a folder", () => {
  const { db } = discordDb;
  let first: Awaited<ReturnType<typeof importFolder>>;

  it("creates the groups, components, incidents with updates, and maintenance", async () => {
    first = await importFolder(db, discord());
    expect(first).toMatchObject({ groups: 1, components: 2, incidents: 1, maintenances: 1, updates: 8 });
    const voice = await db.componentGroup.findUniqueOrThrow({
      where: { externalId: "jk03xttfcz9b" },
      include: { components: true },
    });
    expect(voice.name).toBe("Voice");
    expect(voice.components.map((c) => c.name)).toEqual(["EU West"]);
    const page = await db.pageSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(page).toMatchObject({ name: "Discord", timeZone: "America/Tijuana" });
  });

  it("keeps every original timestamp and status, so our API gives back Statuspage's strings", async () => {
    // biome-ignore lint/suspicious/noExplicitAny: JSON under test
    const ours = (serializeEndpoint("incidents", await getPublicApiData(db)) as any).incidents[0];
    const original = readFixture("discord-incidents.json").incidents[0];
    for (const key of ["name", "status", "impact", "created_at", "updated_at", "started_at", "monitoring_at", "resolved_at"]) {
      expect(ours[key], key).toBe(original[key]);
    }
    const pick = (u: Record<string, unknown>) => ({
      status: u.status,
      body: u.body,
      created_at: u.created_at,
      display_at: u.display_at,
      affected: (u.affected_components as { name: string; old_status: string; new_status: string }[]).map(
        ({ name, old_status, new_status }) => ({ name, old_status, new_status }),
      ),
    });
    expect(ours.incident_updates.map(pick)).toEqual(original.incident_updates.map(pick));

    // biome-ignore lint/suspicious/noExplicitAny: JSON under test
    const maintenance = (serializeEndpoint("scheduled-maintenances", await getPublicApiData(db)) as any)
      .scheduled_maintenances[0];
    const originalMaintenance = readFixture("discord-scheduled-maintenances.json").scheduled_maintenances[0];
    for (const key of ["name", "status", "scheduled_for", "scheduled_until", "resolved_at", "created_at"]) {
      expect(maintenance[key], key).toBe(originalMaintenance[key]);
    }
  });

  it("rebuilds the component's status history from the updates", async () => {
    const api = await db.component.findUniqueOrThrow({ where: { externalId: "rhznvxg4v7yh" } });
    const history = await db.componentStatusChange.findMany({ where: { componentId: api.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.status, h.at.toISOString(), h.source])).toEqual([
      ["operational", "2015-07-31T01:55:43.739Z", "import"],
      ["degraded_performance", "2022-02-15T21:14:17.849Z", "import"],
      ["operational", "2022-02-15T21:21:55.183Z", "import"],
    ]);
    expect(history[1]!.incidentId).not.toBeNull();
    expect(api.status).toBe("operational");
  });

  it("changes nothing when run a second time", async () => {
    const before = await snapshot(db);
    const second = await importFolder(db, discord());
    expect(second).toEqual({ groups: 0, components: 0, incidents: 0, maintenances: 0, updates: 0, statusChanges: 0 });
    expect(await snapshot(db)).toEqual(before);
  });

  it("picks up an update added on the old page since the last run", async () => {
    const files = discord();
    // biome-ignore lint/suspicious/noExplicitAny: fixture JSON
    const incident = (files["incidents.json"] as any).incidents[0];
    incident.incident_updates.unshift({
      ...incident.incident_updates[0],
      id: "newupdate001",
      status: "investigating",
      body: "Reopened: latency is back.",
      display_at: "2022-02-15T14:00:00.000-08:00",
      created_at: "2022-02-15T14:00:00.000-08:00",
      updated_at: "2022-02-15T14:00:00.000-08:00",
      affected_components: [{ code: "rhznvxg4v7yh", name: "API", old_status: "operational", new_status: "major_outage" }],
    });
    incident.status = "investigating";
    const counts = await importFolder(db, files);
    expect(counts).toMatchObject({ incidents: 0, updates: 1, statusChanges: 1 });
    const row = await db.incident.findUniqueOrThrow({ where: { externalId: "n4njzfn1mqy0" } });
    expect(row.status).toBe("investigating");
  });
});

describe("importing GitHub's history from a base URL over HTTP", () => {
  const { db } = githubDb;
  const files = github();
  const requested: string[] = [];
  const server = http.createServer((req, res) => {
    requested.push(req.url ?? "");
    const name = req.url?.replace(/^\/api\/v2\//, "") as keyof Files;
    if (!files[name]) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(files[name]));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reads /api/v2/*.json from the page's URL and imports components named only in incidents", async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const counts = await importStatuspage({ db, data: await readStatuspageExport(base) });
    expect(requested.sort()).toEqual([
      "/api/v2/components.json",
      "/api/v2/incidents.json",
      "/api/v2/scheduled-maintenances.json",
    ]);
    expect(counts).toMatchObject({ incidents: 2, maintenances: 0 });
    const actions = await db.component.findUniqueOrThrow({ where: { externalId: "br0l2tvcx85d" } });
    const history = await db.componentStatusChange.findMany({ where: { componentId: actions.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => h.status)).toContain("major_outage");
    expect(history.at(-1)!.status).toBe("operational");
  });
});

describe("bad input stops the import with the file and field named, and writes nothing", () => {
  const { db } = badInputDb;

  it.each([
    ["a missing file", { ...discord(), "scheduled-maintenances.json": undefined }, /^scheduled-maintenances\.json: missing/],
    ["malformed JSON", { ...discord(), "incidents.json": '{"page": {' }, /^incidents\.json: malformed JSON/],
    [
      "an unknown enum value",
      (() => {
        const files = discord();
        // biome-ignore lint/suspicious/noExplicitAny: fixture JSON
        (files["incidents.json"] as any).incidents[0].incident_updates[1].status = "exploded";
        return files;
      })(),
      /^incidents\.json: incidents\[0\]\.incident_updates\[1\]\.status has unknown value "exploded" \(expected one of investigating, /,
    ],
    [
      "a component status Statuspage does not have",
      (() => {
        const files = discord();
        // biome-ignore lint/suspicious/noExplicitAny: fixture JSON
        (files["components.json"] as any).components[0].status = "down";
        return files;
      })(),
      /^components\.json: components\[0\]\.status has unknown value "down"/,
    ],
  ])("%s", async (_name, files, message) => {
    const present = Object.fromEntries(Object.entries(files).filter(([, v]) => v !== undefined)) as Files;
    await expect(readStatuspageExport(await exportFolder(present))).rejects.toThrow(message);
    expect(await db.incident.count()).toBe(0);
  });

  it("rolls back everything when the database refuses a row half-way", async () => {
    const files = discord();
    // Passes the schema, but does not fit PostgreSQL's integer: fails after the groups are written.
    // biome-ignore lint/suspicious/noExplicitAny: fixture JSON
    (files["components.json"] as any).components[1].position = 3_000_000_000;
    const before = await snapshot(db);
    await expect(importFolder(db, files)).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });
});

it("a folder path that does not exist is reported as the first missing file", async () => {
  const dir = path.join(os.tmpdir(), "no-such-export-folder");
  await mkdir(path.dirname(dir), { recursive: true });
  await expect(readStatuspageExport(dir)).rejects.toThrow(/^components\.json: missing \(looked for .*no-such-export-folder/);
});
