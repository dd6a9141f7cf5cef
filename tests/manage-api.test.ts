import { beforeAll, describe, expect, test } from "vitest";
import { hashApiKey } from "../lib/api-keys/secret.ts";
import type { ApiScope } from "../lib/auth/actor.ts";
import type { Db } from "../lib/db/client.ts";
import { sharedRead } from "../lib/db/shared-read.ts";
import { handleManageApiRequest } from "../lib/manage-api/handle-request.ts";
import { buildOpenApiDocument } from "../lib/manage-api/openapi.ts";
import { ROUTES } from "../lib/manage-api/routes.ts";
import { cacheKeyFor } from "../lib/server/cache-policy.ts";
import { ownDatabase } from "./support/db.ts";
import { makeApiKey, makeComponent, makeIncident } from "./support/factories.ts";

// The Manage API v1 over HTTP (real Requests through the handler the route file calls, against a
// real database of this file's own): every endpoint unauthenticated, with a key lacking the scope,
// with an invalid body, and on its happy path; then the behaviours a Statuspage script relies on.

let db: Db;
let databaseUrl: string;
const keys = {} as Record<ApiScope, string>;
const P = "/pages/upstate";

beforeAll(async () => {
  ({ db, url: databaseUrl } = await ownDatabase());
  for (const scope of ["admin", "read", "incidents", "components", "maintenance", "subscribers"] as const) {
    keys[scope] = (await makeApiKey(db, { scopes: [scope], name: `${scope} key` })).secret;
  }
});

type Sent = { key?: string | null; json?: unknown; form?: string; headers?: Record<string, string> };
// biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON the API answered.
type Answer = { status: number; headers: Headers; body: any };

async function call(method: string, path: string, sent: Sent = {}): Promise<Answer> {
  const headers = new Headers(sent.headers);
  if (sent.key !== null) headers.set("authorization", `OAuth ${sent.key ?? keys.admin}`);
  let body: string | undefined;
  if (sent.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(sent.json);
  }
  if (sent.form !== undefined) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    body = sent.form;
  }
  const response = await handleManageApiRequest(new Request(`http://upstate.test/api/v1${path}`, { method, headers, body }), {
    db,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const form = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();

async function newIncident() {
  const { id } = await makeIncident(db);
  const update = await db.incidentUpdate.findFirstOrThrow({ where: { incidentId: id } });
  return { incident_id: id, incident_update_id: update.id };
}

async function withDraft() {
  const ids = await newIncident();
  const saved = await call("PUT", `${P}/incidents/${ids.incident_id}/postmortem`, {
    json: { postmortem: { body_draft: "What happened, and what we changed." } },
  });
  expect(saved.status).toBe(200);
  return ids;
}

async function newGroup() {
  const group = await db.componentGroup.create({ data: { name: `Group ${Math.random()}`, position: 99 } });
  return { id: group.id };
}

async function newSubscriber() {
  const email = `reader-${Math.random().toString(36).slice(2)}@example.com`;
  const created = await call("POST", `${P}/subscribers`, { key: keys.subscribers, json: { subscriber: { email } } });
  expect(created.status).toBe(201);
  return { subscriber_id: created.body.id as string };
}

type Case = {
  /** Makes what the path names; the path's `{…}` are filled from it. */
  setup?: () => Promise<Record<string, string>>;
  /** The scope of the key the happy path uses, and one that must be refused. */
  scope: ApiScope;
  wrongScope: ApiScope;
  body?: unknown;
  status: number;
  invalid?: { body?: unknown; query?: string; field: string };
  check?: (answer: Answer, params: Record<string, string>) => void | Promise<void>;
};

const incidentUpdateCase: Case = {
  setup: newIncident,
  scope: "incidents",
  wrongScope: "components",
  body: { incident_update: { body: "Edited: the cause was a full disk." } },
  status: 200,
  invalid: { body: { incident_update: { display_at: "yesterday" } }, field: "incident_update.display_at" },
  check: ({ body }) => expect(body.body).toBe("Edited: the cause was a full disk."),
};
const incidentPatchCase: Case = {
  setup: newIncident,
  scope: "incidents",
  wrongScope: "components",
  body: { incident: { status: "identified", body: "Found it: a full disk." } },
  status: 200,
  invalid: { body: { incident: { components: { abc: "on_fire" } } }, field: "incident.components.abc" },
  check: ({ body }) => {
    expect(body.status).toBe("identified");
    expect(body.incident_updates[0].body).toBe("Found it: a full disk.");
  },
};
const componentPatchCase: Case = {
  setup: async () => ({ component_id: (await makeComponent(db)).id }),
  scope: "components",
  wrongScope: "incidents",
  body: { component: { status: "major_outage" } },
  status: 200,
  invalid: { body: { component: { group_id: 7 } }, field: "component.group_id" },
  check: ({ body }) => expect(body.status).toBe("major_outage"),
};
const groupPatchCase: Case = {
  setup: newGroup,
  scope: "components",
  wrongScope: "incidents",
  body: { component_group: { name: "Renamed group" } },
  status: 200,
  invalid: { body: { component_group: { components: "abc" } }, field: "component_group.components" },
  check: ({ body }) => expect(body.name).toBe("Renamed group"),
};
const pagePatchCase: Case = {
  scope: "admin",
  wrongScope: "incidents",
  body: { page: { name: "Acme Status" } },
  status: 200,
  invalid: { body: { page: { time_zone: "Mars/Olympus_Mons" } }, field: "page.time_zone" },
  check: ({ body }) => expect(body.name).toBe("Acme Status"),
};
const listCase = (options: { paged: boolean }): Case => ({
  scope: "read",
  wrongScope: "subscribers",
  status: 200,
  ...(options.paged ? { invalid: { query: "per_page=lots", field: "per_page" } } : {}),
  check: ({ body }) => expect(Array.isArray(body)).toBe(true),
});

const CASES: Record<string, Case> = {
  "GET /pages": {
    scope: "read",
    wrongScope: "subscribers",
    status: 200,
    check: ({ body }) => expect(body[0].id).toBe("upstate"),
  },
  "GET /pages/{page_id}": {
    scope: "read",
    wrongScope: "subscribers",
    status: 200,
    check: ({ body }) => expect(body.id).toBe("upstate"),
  },
  "PATCH /pages/{page_id}": pagePatchCase,
  "PUT /pages/{page_id}": pagePatchCase,
  "GET /pages/{page_id}/incidents": listCase({ paged: true }),
  "GET /pages/{page_id}/incidents/unresolved": listCase({ paged: true }),
  "GET /pages/{page_id}/incidents/scheduled": listCase({ paged: true }),
  "GET /pages/{page_id}/incidents/upcoming": listCase({ paged: true }),
  "GET /pages/{page_id}/incidents/active_maintenance": listCase({ paged: true }),
  "POST /pages/{page_id}/incidents": {
    scope: "incidents",
    wrongScope: "components",
    body: { incident: { name: "Login failures", status: "investigating", body: "We are looking into it." } },
    status: 201,
    invalid: { body: { incident: { name: "Login failures", status: "exploded" } }, field: "incident.status" },
    check: ({ body }) => expect(body).toMatchObject({ name: "Login failures", status: "investigating" }),
  },
  "GET /pages/{page_id}/incidents/{incident_id}": {
    setup: newIncident,
    scope: "read",
    wrongScope: "subscribers",
    status: 200,
    check: ({ body }, params) => expect(body.id).toBe(params.incident_id),
  },
  "PATCH /pages/{page_id}/incidents/{incident_id}": incidentPatchCase,
  "PUT /pages/{page_id}/incidents/{incident_id}": incidentPatchCase,
  "DELETE /pages/{page_id}/incidents/{incident_id}": {
    setup: newIncident,
    scope: "incidents",
    wrongScope: "components",
    status: 200,
    check: async (_answer, params) => expect(await db.incident.count({ where: { id: params.incident_id } })).toBe(0),
  },
  "PATCH /pages/{page_id}/incidents/{incident_id}/incident_updates/{incident_update_id}": incidentUpdateCase,
  "PUT /pages/{page_id}/incidents/{incident_id}/incident_updates/{incident_update_id}": incidentUpdateCase,
  "GET /pages/{page_id}/incidents/{incident_id}/postmortem": {
    setup: withDraft,
    scope: "read",
    wrongScope: "subscribers",
    status: 200,
    check: ({ body }) => expect(body).toMatchObject({ body_draft: "What happened, and what we changed.", published_at: null }),
  },
  "PUT /pages/{page_id}/incidents/{incident_id}/postmortem": {
    setup: newIncident,
    scope: "incidents",
    wrongScope: "components",
    body: { postmortem: { body_draft: "A draft." } },
    status: 200,
    invalid: { body: { postmortem: {} }, field: "postmortem.body_draft" },
    check: ({ body }) => expect(body.body_draft).toBe("A draft."),
  },
  "PUT /pages/{page_id}/incidents/{incident_id}/postmortem/publish": {
    setup: withDraft,
    scope: "incidents",
    wrongScope: "components",
    body: { postmortem: { notify_subscribers: false } },
    status: 200,
    invalid: { body: { postmortem: { notify_subscribers: "maybe" } }, field: "postmortem.notify_subscribers" },
    check: ({ body }) => expect(body.published_at).not.toBeNull(),
  },
  "PUT /pages/{page_id}/incidents/{incident_id}/postmortem/revert": {
    setup: async () => {
      const ids = await withDraft();
      expect((await call("PUT", `${P}/incidents/${ids.incident_id}/postmortem/publish`)).status).toBe(200);
      return ids;
    },
    scope: "incidents",
    wrongScope: "components",
    status: 200,
    invalid: { body: { postmortem: { version: -1 } }, field: "postmortem.version" },
    check: ({ body }) => expect(body.published_at).toBeNull(),
  },
  "GET /pages/{page_id}/components": listCase({ paged: false }),
  "POST /pages/{page_id}/components": {
    scope: "components",
    wrongScope: "incidents",
    body: { component: { name: "Search", description: "Full-text search", status: "degraded_performance" } },
    status: 201,
    invalid: { body: { component: { name: "Search", status: "on fire" } }, field: "component.status" },
    check: ({ body }) => expect(body).toMatchObject({ name: "Search", status: "degraded_performance", group: false }),
  },
  "GET /pages/{page_id}/components/{component_id}": {
    setup: async () => ({ component_id: (await makeComponent(db)).id }),
    scope: "read",
    wrongScope: "subscribers",
    status: 200,
    check: ({ body }, params) => expect(body.id).toBe(params.component_id),
  },
  "PATCH /pages/{page_id}/components/{component_id}": componentPatchCase,
  "PUT /pages/{page_id}/components/{component_id}": componentPatchCase,
  "DELETE /pages/{page_id}/components/{component_id}": {
    setup: async () => ({ component_id: (await makeComponent(db)).id }),
    scope: "components",
    wrongScope: "incidents",
    status: 204,
    check: async (_answer, params) => expect(await db.component.count({ where: { id: params.component_id } })).toBe(0),
  },
  "GET /pages/{page_id}/component-groups": listCase({ paged: false }),
  "POST /pages/{page_id}/component-groups": {
    scope: "components",
    wrongScope: "incidents",
    body: { description: "Core", component_group: { name: "Core services" } },
    status: 201,
    invalid: { body: { component_group: { name: 12 } }, field: "component_group.name" },
    check: ({ body }) => expect(body).toMatchObject({ name: "Core services", components: [] }),
  },
  "GET /pages/{page_id}/component-groups/{id}": {
    setup: newGroup,
    scope: "read",
    wrongScope: "subscribers",
    status: 200,
    check: ({ body }, params) => expect(body.id).toBe(params.id),
  },
  "PATCH /pages/{page_id}/component-groups/{id}": groupPatchCase,
  "PUT /pages/{page_id}/component-groups/{id}": groupPatchCase,
  "DELETE /pages/{page_id}/component-groups/{id}": {
    setup: newGroup,
    scope: "components",
    wrongScope: "incidents",
    status: 204,
    check: async (_answer, params) => expect(await db.componentGroup.count({ where: { id: params.id } })).toBe(0),
  },
  "GET /pages/{page_id}/subscribers": {
    scope: "subscribers",
    wrongScope: "read",
    status: 200,
    check: ({ body }) => expect(Array.isArray(body)).toBe(true),
  },
  "POST /pages/{page_id}/subscribers": {
    scope: "subscribers",
    wrongScope: "read",
    body: { subscriber: { email: "Ops@Example.com" } },
    status: 201,
    invalid: { body: { subscriber: { email: "not an address" } }, field: "subscriber.email" },
    check: ({ body }) => expect(body).toMatchObject({ mode: "email", email: "ops@example.com" }),
  },
  "DELETE /pages/{page_id}/subscribers/{subscriber_id}": {
    setup: newSubscriber,
    scope: "subscribers",
    wrongScope: "read",
    status: 200,
    check: async (_answer, params) => expect(await db.subscriber.count({ where: { id: params.subscriber_id } })).toBe(0),
  },
};

const fill = (path: string, params: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_match, name: string) => (name === "page_id" ? "upstate" : params[name]!));

describe("every Manage API endpoint, four ways", () => {
  test("the cases below cover exactly the routes the router serves", () => {
    expect(Object.keys(CASES).sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  for (const route of ROUTES) {
    const name = `${route.method} ${route.path}`;
    test(name, async () => {
      const spec = CASES[name]!;
      const params = (await spec.setup?.()) ?? {};
      const path = fill(route.path, params);
      const json = spec.body;

      const anonymous = await call(route.method, path, { key: null, json });
      expect(anonymous.status, "without a key").toBe(401);
      expect(anonymous.body.error).toEqual(expect.any(String));

      const refused = await call(route.method, path, { key: keys[spec.wrongScope], json });
      expect(refused.status, `with only the ${spec.wrongScope} scope`).toBe(403);
      expect(refused.body.error).toEqual(expect.any(String));

      if (spec.invalid) {
        const invalidPath = spec.invalid.query ? `${path}?${spec.invalid.query}` : path;
        const invalid = await call(route.method, invalidPath, { key: keys[spec.scope], json: spec.invalid.body });
        expect(invalid.status, JSON.stringify(invalid.body)).toBe(422);
        expect(Object.keys(invalid.body.fields)).toContain(spec.invalid.field);
        expect(invalid.body.error).toContain(spec.invalid.field);
      }

      const happy = await call(route.method, path, { key: keys[spec.scope], json });
      expect(happy.status, JSON.stringify(happy.body)).toBe(spec.status);
      expect(happy.headers.get("cache-control")).toBe("no-store");
      await spec.check?.(happy, params);
    });
  }
});

describe("the Manage API", () => {
  test("a key revoked while a lookup of it was under way: a status write joining that lookup is refused inside the write, anything else looks the key up afresh", async () => {
    const key = await makeApiKey(db, { scopes: ["components"] });
    const component = await makeComponent(db, { status: "operational" });
    const row = await db.apiKey.findUniqueOrThrow({
      where: { id: key.id },
      select: { id: true, name: true, scopes: true, revokedAt: true },
    });
    // A lookup of the key that began before the revocation and answers after it.
    let answerStale = (_row: typeof row) => {};
    const stale = new Promise<typeof row>((resolve) => {
      answerStale = resolve;
    });
    const staleLookup = sharedRead(db, `api-key:${hashApiKey(key.secret)}`, () => stale);
    await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    const path = `${P}/components/${component.id}`;
    const statusWrite = call("PATCH", path, { key: key.secret, json: { component: { status: "major_outage" } } });
    const noWrite = call("PATCH", path, { key: key.secret, json: { component: {} } });
    const read = call("GET", path, { key: key.secret });
    answerStale(row);
    await staleLookup;
    expect((await statusWrite).status).toBe(403);
    expect((await statusWrite).body.error).toMatch(/revoked/);
    expect((await noWrite).status).toBe(401);
    expect((await read).status).toBe(401);
    const after = await db.component.findUniqueOrThrow({ where: { id: component.id } });
    expect(after.status).toBe("operational");
    // Its last use is not recorded after the revocation.
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeNull();
  });

  test("creates an incident from JSON with component statuses, which the components then have", async () => {
    const database = await makeComponent(db, { name: "Database" });
    const api = await makeComponent(db, { name: "API" });
    const created = await call("POST", `${P}/incidents`, {
      json: {
        incident: {
          name: "Database unreachable",
          status: "identified",
          impact_override: "critical",
          body: "The primary database is down.",
          components: { [database.id]: "major_outage" },
          component_ids: [database.id, api.id],
          deliver_notifications: false,
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "identified", impact: "critical", impact_override: "critical" });
    expect(created.body.components.map((c: { id: string }) => c.id).sort()).toEqual([database.id, api.id].sort());
    expect(created.body.incident_updates[0].deliver_notifications).toBe(false);
    const component = await call("GET", `${P}/components/${database.id}`);
    expect(component.body.status).toBe("major_outage");
    expect((await call("GET", `${P}/components/${api.id}`)).body.status).toBe("operational");
  });

  test("reads Statuspage's bracketed form fields, nested component statuses and lists included", async () => {
    const cdn = await makeComponent(db, { name: "CDN" });
    const created = await call("POST", `${P}/incidents`, {
      form: form([
        ["incident[name]", "Slow downloads"],
        ["incident[status]", "investigating"],
        ["incident[body]", "Downloads are slow in Europe."],
        [`incident[components][${cdn.id}]`, "degraded_performance"],
        ["incident[component_ids][]", cdn.id],
        ["incident[deliver_notifications]", "f"],
      ]),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.incident_updates[0]).toMatchObject({
      body: "Downloads are slow in Europe.",
      deliver_notifications: false,
    });
    expect((await call("GET", `${P}/components/${cdn.id}`)).body.status).toBe("degraded_performance");
  });

  test("a PATCH with a status posts an update, and resolving sets what the components become", async () => {
    const worker = await makeComponent(db, { name: "Worker" });
    const created = await call("POST", `${P}/incidents`, {
      json: { incident: { name: "Jobs stuck", body: "Jobs are not running.", components: { [worker.id]: "partial_outage" } } },
    });
    const id = created.body.id;
    const resolved = await call("PATCH", `${P}/incidents/${id}`, {
      json: { incident: { status: "resolved", body: "Jobs run again.", components: { [worker.id]: "operational" } } },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe("resolved");
    expect(resolved.body.resolved_at).not.toBeNull();
    expect(resolved.body.incident_updates.map((u: { status: string }) => u.status)).toEqual(["resolved", "investigating"]);
    expect((await call("GET", `${P}/components/${worker.id}`)).body.status).toBe("operational");
    const unresolved = await call("GET", `${P}/incidents/unresolved`);
    expect(unresolved.body.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  test("a status change without a text still posts an update, with a short default text", async () => {
    const created = await call("POST", `${P}/incidents`, { json: { incident: { name: "Quiet fix" } } });
    const patched = await call("PATCH", `${P}/incidents/${created.body.id}`, { json: { incident: { status: "monitoring" } } });
    expect(patched.body.incident_updates[0]).toMatchObject({ status: "monitoring", body: "Status: Monitoring." });
  });

  test("back-dates a new incident with created_at, and refuses one in the future naming the field", async () => {
    const startedAt = "2026-01-05T08:30:00.000Z";
    const created = await call("POST", `${P}/incidents`, {
      json: { incident: { name: "Overnight outage", status: "resolved", body: "Fixed.", created_at: startedAt } },
    });
    expect(created.status).toBe(201);
    expect(new Date(created.body.started_at).toISOString()).toBe(startedAt);
    expect(new Date(created.body.incident_updates[0].display_at).toISOString()).toBe(startedAt);
    const future = await call("POST", `${P}/incidents`, {
      json: { incident: { name: "Later", body: "Soon.", created_at: "2099-01-01T00:00:00Z" } },
    });
    expect(future.status).toBe(422);
    expect(Object.keys(future.body.fields)).toEqual(["incident.created_at"]);
  });

  test("a retried create with the same Idempotency-Key returns the first incident instead of a second", async () => {
    const sent = {
      json: { incident: { name: `Retried ${Math.random()}`, body: "Once." } },
      headers: { "idempotency-key": `retry-${Math.random().toString(36).slice(2)}` },
    };
    const first = await call("POST", `${P}/incidents`, sent);
    const second = await call("POST", `${P}/incidents`, sent);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await db.incident.count({ where: { name: sent.json.incident.name } })).toBe(1);
    const reused = await call("POST", `${P}/incidents`, {
      ...sent,
      json: { incident: { name: "Something else", body: "Two." } },
    });
    expect(reused.status).toBe(409);
  });

  test("a write sent with a stale version is refused with 409 and the current version", async () => {
    const created = await call("POST", `${P}/incidents`, { json: { incident: { name: "Versioned", body: "v0" } } });
    const version = created.body.version;
    expect(
      (await call("PATCH", `${P}/incidents/${created.body.id}`, { json: { incident: { name: "First", version } } })).status,
    ).toBe(200);
    const stale = await call("PATCH", `${P}/incidents/${created.body.id}`, { json: { incident: { name: "Second", version } } });
    expect(stale.status).toBe(409);
    expect(stale.body.current_version).toBe(version + 1);
    expect((await call("GET", `${P}/incidents/${created.body.id}`)).body.name).toBe("First");
  });

  test("schedules a maintenance as Statuspage models it, lists it, and starts it by a PATCH", async () => {
    const storage = await makeComponent(db, { name: "Storage" });
    const start = new Date(Date.now() + 24 * 3600_000);
    const created = await call("POST", `${P}/incidents`, {
      key: keys.maintenance,
      json: {
        incident: {
          name: "Storage upgrade",
          status: "scheduled",
          body: "We are upgrading the storage cluster.",
          scheduled_for: start.toISOString(),
          scheduled_until: new Date(start.getTime() + 2 * 3600_000).toISOString(),
          scheduled_auto_in_progress: true,
          scheduled_auto_completed: false,
          component_ids: [storage.id],
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: "scheduled",
      impact: "maintenance",
      scheduled_auto_in_progress: true,
      scheduled_auto_completed: false,
    });
    expect(new Date(created.body.scheduled_for).getTime()).toBe(start.getTime());
    const upcoming = await call("GET", `${P}/incidents/upcoming`, { key: keys.read });
    expect(upcoming.body.map((i: { id: string }) => i.id)).toContain(created.body.id);
    const started = await call("PATCH", `${P}/incidents/${created.body.id}`, {
      key: keys.maintenance,
      json: { incident: { status: "in_progress", body: "Started early." } },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.status).toBe("in_progress");
    expect((await call("GET", `${P}/components/${storage.id}`)).body.status).toBe("under_maintenance");
    const active = await call("GET", `${P}/incidents/active_maintenance`);
    expect(active.body.map((i: { id: string }) => i.id)).toContain(created.body.id);
    const incidentsKey = await call("POST", `${P}/incidents`, {
      key: keys.incidents,
      json: {
        incident: {
          name: "No scope",
          scheduled_for: start.toISOString(),
          scheduled_until: new Date(start.getTime() + 1).toISOString(),
        },
      },
    });
    expect(incidentsKey.status).toBe(403);
  });

  test("a component group is created with its components and changes them when they are listed", async () => {
    const [first, second] = [await makeComponent(db), await makeComponent(db)];
    const created = await call("POST", `${P}/component-groups`, {
      json: { component_group: { name: "Edge", components: [first.id, second.id] } },
    });
    expect(created.status).toBe(201);
    expect(created.body.components.sort()).toEqual([first.id, second.id].sort());
    const changed = await call("PATCH", `${P}/component-groups/${created.body.id}`, {
      json: { component_group: { components: [second.id] } },
    });
    expect(changed.body.components).toEqual([second.id]);
    expect((await call("GET", `${P}/components/${first.id}`)).body.group_id).toBeNull();
  });

  test("answers 404 for another page's id or a missing resource, 405 for a wrong method, 400 for a body that is not JSON", async () => {
    const otherPage = await call("GET", "/pages/kctbh9vrtdwd/incidents");
    expect(otherPage.status).toBe(404);
    expect(otherPage.body.error).toContain("GET /api/v1/pages");
    expect((await call("GET", `${P}/incidents/nope`)).status).toBe(404);
    expect((await call("PATCH", `${P}/components/nope`, { json: { component: { status: "major_outage" } } })).status).toBe(404);
    expect((await call("GET", `${P}/nothing-here`)).status).toBe(404);
    const wrongMethod = await call("POST", `${P}/components/abc`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toContain("PATCH");
    const broken = await handleManageApiRequest(
      new Request(`http://upstate.test/api/v1${P}/incidents`, {
        method: "POST",
        headers: { authorization: `Bearer ${keys.admin}`, "content-type": "application/json" },
        body: "{not json",
      }),
      { db },
    );
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toContain("JSON");
  });

  test("paths take the page's own id, as GET /pages gives it, or `upstate`", async () => {
    await db.pageSettings.upsert({ where: { id: 1 }, create: { id: 1, name: "Acme Status" }, update: {} });
    const { pageId } = await db.pageSettings.findUniqueOrThrow({ where: { id: 1 } });
    const pages = await call("GET", "/pages", { key: keys.read });
    expect(pages.body.map((page: { id: string }) => page.id)).toEqual([pageId]);
    const incidents = await call("GET", `/pages/${pageId}/incidents`, { key: keys.read });
    expect(incidents.status).toBe(200);
    const component = await call("POST", `/pages/${pageId}/components`, { json: { component: { name: "Own id" } } });
    expect(component.body.page_id).toBe(pageId);
    expect((await call("GET", `${P}/components/${component.body.id}`)).status).toBe(200);
    const other = await call("GET", "/pages/0123456789ab/components");
    expect(other.status).toBe(404);
    expect(other.body.error).toContain(pageId);
  });

  test("is never answered from the public response cache", () => {
    for (const url of ["/api/v1/pages/upstate/incidents", "/api/v1/pages", "/api/v1/openapi.json"]) {
      expect(cacheKeyFor({ method: "GET", url, headers: {} })).toBeNull();
    }
  });

  test("serves every operation its OpenAPI document lists", async () => {
    const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;
    for (const [path, item] of Object.entries(paths)) {
      for (const method of Object.keys(item)) {
        const answer = await call(
          method.toUpperCase(),
          fill(path, { incident_id: "x", incident_update_id: "x", component_id: "x", id: "x", subscriber_id: "x" }),
          {
            json: method === "get" || method === "delete" ? undefined : {},
          },
        );
        expect(answer.status, `${method} ${path}`).not.toBe(405);
        expect(answer.body?.error ?? "", `${method} ${path}`).not.toContain("no such API endpoint");
      }
    }
  });

  test("the route file serves the API from DATABASE_URL", async () => {
    process.env.DATABASE_URL = databaseUrl;
    const route = await import("../app/api/v1/[[...path]]/route.ts");
    const document = await route.GET(new Request("http://upstate.test/api/v1/openapi.json"));
    expect(document.status).toBe(200);
    expect(((await document.json()) as { openapi: string }).openapi).toBe("3.1.0");
    const pages = await route.GET(
      new Request("http://upstate.test/api/v1/pages", { headers: { authorization: `Bearer ${keys.read}` } }),
    );
    expect(pages.status).toBe(200);
  });
});

describe("Statuspage's documented requests, unchanged but for the base URL, key and ids", () => {
  // The request shapes of Statuspage's API documentation (developer.statuspage.io and its older
  // v1 pages): form-encoded curl calls with `.json` paths and Rails booleans, and JSON bodies.
  test("creating a realtime incident with curl's -d fields", async () => {
    const component = await makeComponent(db, { name: "Web" });
    const answer = await call("POST", `${P}/incidents.json`, {
      form: [
        "incident[name]=Database+outage",
        "incident[status]=investigating",
        "incident[body]=We+are+investigating+a+database+outage.",
        "incident[wants_twitter_update]=f",
        "incident[impact_override]=major",
        `incident[component_ids][]=${component.id}`,
        `incident[components][${component.id}]=major_outage`,
      ].join("&"),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toMatchObject({ name: "Database outage", status: "investigating", impact: "major" });
  });

  test("updating a component's status with curl's -d field", async () => {
    const component = await makeComponent(db, { name: "Mail" });
    const answer = await call("PATCH", `${P}/components/${component.id}.json`, { form: "component[status]=partial_outage" });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe("partial_outage");
  });

  test("creating a scheduled incident and a backfilled one with curl's -d fields", async () => {
    const scheduled = await call("POST", `${P}/incidents.json`, {
      form: [
        "incident[name]=Planned+database+maintenance",
        "incident[status]=scheduled",
        "incident[scheduled_for]=2099-05-07T03:00:00.007Z",
        "incident[scheduled_until]=2099-05-07T06:00:00.007Z",
        "incident[scheduled_remind_prior]=t",
        "incident[scheduled_auto_in_progress]=t",
        "incident[scheduled_auto_completed]=t",
        "incident[body]=We+will+be+performing+a+data+layer+migration.",
      ].join("&"),
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    expect(scheduled.body.status).toBe("scheduled");
    const backfilled = await call("POST", `${P}/incidents.json`, {
      form: [
        "incident[name]=Power+outage+in+the+data+center",
        "incident[status]=resolved",
        "incident[body]=A+power+outage+took+the+site+down.",
        "incident[backfilled]=t",
        "incident[backfill_date]=12/01/2025",
      ].join("&"),
    });
    expect(backfilled.status, JSON.stringify(backfilled.body)).toBe(201);
    expect(backfilled.body.started_at.slice(0, 10)).toMatch(/^2025-(11-30|12-01)$/);
  });

  test("the JSON bodies of the current reference: create, update, component", async () => {
    const component = await makeComponent(db, { name: "Checkout" });
    const created = await call("POST", `${P}/incidents`, {
      json: {
        incident: {
          name: "Checkout errors",
          status: "investigating",
          impact_override: "minor",
          metadata: {},
          deliver_notifications: true,
          auto_tweet_on_creation: false,
          body: "Some payments fail.",
          components: { [component.id]: "partial_outage" },
          component_ids: [component.id],
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const updated = await call("PATCH", `${P}/incidents/${created.body.id}`, {
      json: {
        incident: {
          status: "monitoring",
          body: "A fix is out; we are watching.",
          deliver_notifications: true,
          components: { [component.id]: "operational" },
          component_ids: [component.id],
        },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.status).toBe("monitoring");
    const patched = await call("PATCH", `${P}/components/${component.id}`, {
      json: {
        component: {
          description: "Payments and carts",
          status: "degraded_performance",
          only_show_if_degraded: false,
          showcase: true,
        },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: "Payments and carts", status: "degraded_performance" });
  });
});
