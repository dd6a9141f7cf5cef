import { beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { shapeProblems } from "../../tests/support/json-shape.ts";
import { ENDPOINT_SHAPES } from "../../tests/support/statuspage-fixtures.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { getPublicApiData, type PublicApiData } from "./queries.ts";
import { type ApiEndpoint, serializeEndpoint } from "./statuspage-v2.ts";

const ENDPOINTS: ApiEndpoint[] = [
  "summary",
  "status",
  "components",
  "incidents",
  "incidents/unresolved",
  "scheduled-maintenances",
  "scheduled-maintenances/upcoming",
  "scheduled-maintenances/active",
];

const ISO_WITH_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;
const ENUMS: Record<string, readonly string[]> = {
  indicator: ["none", "minor", "major", "critical", "maintenance"],
  impact: ["none", "minor", "major", "critical", "maintenance"],
  old_status: ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"],
  new_status: ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"],
};
const COMPONENT_STATUS = ENUMS.old_status!;
const INCIDENT_STATUS = ["investigating", "identified", "monitoring", "resolved", "postmortem"];
const MAINTENANCE_STATUS = ["scheduled", "in_progress", "verifying", "completed"];

/** Every timestamp and enum value in a payload that breaks Statuspage's formats. */
function valueProblems(value: unknown, path = "$", parentKey = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => valueProblems(v, `${path}[${i}]`, parentKey));
  if (value === null || typeof value !== "object") return [];
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if ((key.endsWith("_at") || key.startsWith("scheduled_for") || key === "scheduled_until") && v !== null) {
      if (typeof v !== "string" || !ISO_WITH_MS.test(v)) problems.push(`${at}: ${v} is not ISO-8601 with milliseconds`);
    }
    if (ENUMS[key] && !ENUMS[key].includes(v as string)) problems.push(`${at}: ${v} is not a Statuspage value`);
    if (key === "status" && typeof v === "string") {
      const allowed =
        parentKey === "components"
          ? COMPONENT_STATUS
          : parentKey === "scheduled_maintenances"
            ? MAINTENANCE_STATUS
            : INCIDENT_STATUS;
      if (parentKey !== "" && parentKey !== "incident_updates" && !allowed.includes(v)) problems.push(`${at}: ${v}`);
    }
    problems.push(...valueProblems(v, at, key));
  }
  return problems;
}

// At the top level, so that the afterAll ownDatabase registers (dropping it) runs.
const { db } = await ownDatabase();
let data: PublicApiData;
const body = (endpoint: ApiEndpoint) => serializeEndpoint(endpoint, data);

beforeAll(async () => {
  await seedDemo({ db, publicUrl: "https://Status.Example.com/acme/" });
  // The demo has no maintenance in progress: add one so that `active` has something to check.
  const dashboard = await db.component.findFirstOrThrow({ where: { name: "Dashboard" } });
  const now = Date.now();
  await db.incident.create({
    data: {
      kind: "maintenance",
      name: "Rolling restart",
      status: "in_progress",
      impact: "maintenance",
      startedAt: new Date(now - 600_000),
      scheduledFor: new Date(now - 600_000),
      scheduledUntil: new Date(now + 3_600_000),
      components: { create: { componentId: dashboard.id, statusBefore: "operational" } },
      updates: { create: { status: "in_progress", body: "Restarting.", displayAt: new Date(now - 600_000) } },
    },
  });
  data = await getPublicApiData(db);
});

describe("the Statuspage v2 API", () => {
  it.each(ENDPOINTS)("%s.json has the fixtures' keys, nesting and value types", (endpoint) => {
    expect(shapeProblems(body(endpoint), ENDPOINT_SHAPES[endpoint]!)).toEqual([]);
  });

  it.each(ENDPOINTS)("%s.json has Statuspage's timestamp format and enum values", (endpoint) => {
    expect(valueProblems(body(endpoint))).toEqual([]);
  });

  it("every list the fixtures describe is exercised by the demo data", () => {
    const summary = body("summary") as { components: unknown[]; incidents: unknown[]; scheduled_maintenances: unknown[] };
    expect(summary.components.length).toBeGreaterThan(0);
    expect(summary.incidents.length).toBeGreaterThan(0);
    expect(summary.scheduled_maintenances.length).toBeGreaterThan(0);
    for (const endpoint of [
      "incidents/unresolved",
      "scheduled-maintenances/upcoming",
      "scheduled-maintenances/active",
    ] as const) {
      const list = Object.values(body(endpoint)).find(Array.isArray);
      expect(list?.length, endpoint).toBeGreaterThan(0);
    }
  });

  it("gives the page's public URL, zone and the newest change", () => {
    expect(body("status").page).toMatchObject({
      name: "WorkOS",
      url: "https://status.example.com/acme",
      time_zone: "America/New_York",
    });
    expect(body("status").status).toEqual({ indicator: "minor", description: "Partially Degraded Service" });
  });

  it("reports a published postmortem as Statuspage does", async () => {
    // biome-ignore lint/suspicious/noExplicitAny: JSON under test
    const incidents = (body("incidents") as any).incidents;
    const reference = incidents.find((i: { name: string }) => i.name === "Degraded Authkit Service");
    expect(reference).toMatchObject({
      status: "postmortem",
      impact: "major",
      started_at: "2024-07-11T16:01:00.000-04:00",
      postmortem_published_at: "2024-07-19T11:57:00.000-04:00",
      shortlink: `https://status.example.com/acme/incidents/${reference.id}`,
    });
    expect(reference.postmortem_body).toContain("Root Cause Analysis");
    expect(reference.incident_updates[0].affected_components).toEqual([
      // The demo seeds its one update as recording AuthKit operational -> operational.
      { code: expect.any(String), name: "AuthKit", old_status: "partial_outage", new_status: "operational" },
    ]);
    expect(reference.components.map((c: { name: string }) => c.name)).toEqual(["AuthKit"]);
  });

  it("lists updates newest first and only unresolved incidents as unresolved", () => {
    // biome-ignore lint/suspicious/noExplicitAny: JSON under test
    const unresolved = (body("incidents/unresolved") as any).incidents;
    expect(unresolved.map((i: { name: string }) => i.name)).toEqual(["Delayed webhook deliveries"]);
    expect(unresolved[0].incident_updates.map((u: { status: string }) => u.status)).toEqual([
      "monitoring",
      "identified",
      "investigating",
    ]);
  });

  it("lists a group with its children's ids, and each child points to its group", () => {
    // biome-ignore lint/suspicious/noExplicitAny: JSON under test
    const components = (body("components") as any).components;
    const auth = components.find((c: { name: string }) => c.name === "Authentication");
    expect(auth.group).toBe(true);
    const children = components.filter((c: { group_id: string | null }) => c.group_id === auth.id);
    expect(children.map((c: { name: string }) => c.name)).toEqual(["AuthKit", "SSO", "Directory Sync"]);
    expect(auth.components).toEqual(children.map((c: { id: string }) => c.id));
    expect(components.map((c: { name: string }) => c.name).slice(0, 5)).toEqual([
      "Authentication",
      "AuthKit",
      "SSO",
      "Directory Sync",
      "API",
    ]);
  });

  it("splits maintenance into upcoming and active", () => {
    const names = (endpoint: ApiEndpoint) =>
      // biome-ignore lint/suspicious/noExplicitAny: JSON under test
      (body(endpoint) as any).scheduled_maintenances.map((m: { name: string }) => m.name);
    expect(names("scheduled-maintenances/upcoming")).toEqual(["Network maintenance in us-east-1"]);
    expect(names("scheduled-maintenances/active")).toEqual(["Rolling restart"]);
    expect(names("scheduled-maintenances")).toEqual(["Network maintenance in us-east-1", "Rolling restart", "Database upgrade"]);
    expect(names("summary")).toEqual(["Rolling restart", "Network maintenance in us-east-1"]);
  });
});

describe("postmortem drafts", () => {
  it("stay out of the API until published", async () => {
    const incident = await db.incident.create({
      data: {
        name: "Draft postmortem incident",
        status: "resolved",
        startedAt: new Date("2024-03-01T00:00:00Z"),
        postmortem: { create: { body: "Not ready yet" } },
      },
    });
    // biome-ignore lint/suspicious/noExplicitAny: JSON under test
    const found = (serializeEndpoint("incidents", await getPublicApiData(db)) as any).incidents.find(
      (i: { id: string }) => i.id === incident.id,
    );
    expect(found).toMatchObject({ status: "resolved", postmortem_body: null, postmortem_published_at: null });
  });
});
