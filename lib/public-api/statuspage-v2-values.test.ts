import { describe, expect, it } from "vitest";
import { apiData, apiIncident } from "../../tests/support/api-data.ts";
import type { ApiComponent } from "./queries.ts";
import { serializeEndpoint } from "./statuspage-v2.ts";

// The serializers' own rules, on hand-built data (no database).

const component = (id: string, overrides: Partial<ApiComponent> = {}): ApiComponent => ({
  id,
  name: id,
  description: null,
  status: "operational",
  position: 0,
  groupId: null,
  showUptime: true,
  hideWhileOperational: false,
  startDate: new Date("2024-01-01T00:00:00Z"),
  createdAt: new Date("2024-01-01T00:00:00Z"),
  updatedAt: new Date("2024-01-01T00:00:00Z"),
  ...overrides,
});

type Json = Record<string, unknown> & { incidents: Record<string, unknown>[]; components: Record<string, unknown>[] };
const json = (value: unknown) => value as Json;

describe("serializeEndpoint", () => {
  it("gives a group the worst status of its children", () => {
    const data = apiData({
      groups: [{ id: "g", name: "G", description: null, position: 0, createdAt: new Date(0), updatedAt: new Date(0) }],
      components: [
        component("a", { groupId: "g", status: "degraded_performance" }),
        component("b", { groupId: "g", status: "major_outage" }),
        component("c", { status: "partial_outage", position: 1 }),
      ],
    });
    const list = json(serializeEndpoint("components", data)).components;
    expect(list.map((c) => [c.id, c.status, c.group])).toEqual([
      ["g", "major_outage", true],
      ["a", "degraded_performance", false],
      ["b", "major_outage", false],
      ["c", "partial_outage", false],
    ]);
  });

  it("sends null affected_components for an update that changed no component, as Statuspage does", () => {
    const at = new Date("2024-01-01T00:00:00Z");
    const update = {
      id: "u",
      status: "investigating" as const,
      cancelsWindow: false,
      body: "x",
      displayAt: at,
      createdAt: at,
      updatedAt: at,
      deliverNotifications: true,
    };
    const data = apiData({ incidents: [apiIncident({ id: "i", name: "I", updates: [{ ...update, changes: [] }] })] });
    const [incident] = json(serializeEndpoint("incidents", data)).incidents;
    expect((incident!.incident_updates as Record<string, unknown>[])[0]!.affected_components).toBeNull();
  });

  it("keeps a deleted component's name in affected_components", () => {
    const at = new Date("2024-01-01T00:00:00Z");
    const change = {
      id: "chg1",
      componentId: null,
      componentName: "Old API",
      oldStatus: "operational" as const,
      newStatus: "major_outage" as const,
    };
    const data = apiData({
      incidents: [
        apiIncident({
          id: "i",
          name: "I",
          updates: [
            {
              id: "u",
              status: "investigating",
              cancelsWindow: false,
              body: "",
              displayAt: at,
              createdAt: at,
              updatedAt: at,
              deliverNotifications: true,
              changes: [change],
            },
          ],
        }),
      ],
    });
    const [incident] = json(serializeEndpoint("incidents", data)).incidents;
    expect((incident!.incident_updates as Record<string, unknown>[])[0]!.affected_components).toEqual([
      { code: "chg1", name: "Old API", old_status: "operational", new_status: "major_outage" },
    ]);
  });

  it("moves an incident with a published postmortem to `postmortem` and out of unresolved", () => {
    const published = { body: "RCA", publishedAt: new Date("2024-02-01T12:00:00Z"), updatedAt: new Date("2024-02-01T12:00:00Z") };
    const data = apiData({
      incidents: [apiIncident({ id: "i", name: "I", status: "resolved", postmortem: published })],
    });
    const [incident] = json(serializeEndpoint("incidents", data)).incidents;
    expect(incident).toMatchObject({
      status: "postmortem",
      postmortem_body: "RCA",
      postmortem_published_at: "2024-02-01T07:00:00.000-05:00",
    });
    expect(json(serializeEndpoint("incidents/unresolved", data)).incidents).toEqual([]);
  });

  it("lists every unresolved incident in incidents.json even past the 50 most recent", () => {
    const day = 86_400_000;
    const resolved = Array.from({ length: 60 }, (_, n) =>
      apiIncident({ id: `r${n}`, name: `R${n}`, status: "resolved", startedAt: new Date(Date.UTC(2024, 5, 1) - n * day) }),
    );
    const old = apiIncident({ id: "open", name: "Still open", startedAt: new Date(Date.UTC(2020, 0, 1)) });
    const list = json(serializeEndpoint("incidents", apiData({ incidents: [...resolved, old] }))).incidents;
    expect(list).toHaveLength(50);
    expect(list.map((i) => i.id)).toContain("open");
    expect(list[0]!.id).toBe("r0");
  });

  it("raises the overall status to an open incident's impact", () => {
    const data = apiData({
      components: [component("a")],
      incidents: [apiIncident({ id: "i", name: "I", impact: "critical" })],
    });
    expect(serializeEndpoint("status", data).status).toEqual({ indicator: "critical", description: "Major System Outage" });
  });
});
