import { readdirSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, request, test } from "@playwright/test";
// Next's own computation of the `_rsc` search parameter its router sends with a navigation.
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param.js";
import { saveAlertMapping } from "../lib/alerts/save-alert-mapping.ts";
import { scheduleMaintenance } from "../lib/maintenance/schedule-maintenance.ts";
import { savePostmortem } from "../lib/postmortems/save-postmortem.ts";
import { createSubscriber } from "../lib/subscribers/subscribe.ts";
import { saveTemplate } from "../lib/templates/save-template.ts";
import { LAST_ON_PAGE, makeApiKey, makeComponent, makeIncident, makeStaff } from "../tests/support/factories.ts";
import { ADMIN } from "./admin-support.ts";
import { signedInContext, withDb } from "./security-support.ts";

// Every staff page must check the session itself. The (staff) layout's check is not enough: for a
// client-side navigation (RSC: 1 and a Next-Router-State-Tree saying the layout is already there)
// Next renders only the page. Each admin route is asked in every request shape, signed out, as a
// disabled account and (for admin-only pages) as an editor, and no staff data may come back; an
// admin asking the same way sees it, so the markers are real.

test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
test.describe.configure({ mode: "serial", timeout: 240_000 });

const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const marker = {
  draft: `Draftpostmortem${stamp}`,
  templateName: `Templatename${stamp}`,
  templateBody: `Templatebody${stamp}`,
  incident: `Guardedincident${stamp}`,
  window: `Guardedwindow${stamp}`,
  component: `Guardedcomponent${stamp}`,
  author: `author-${stamp}@example.com`,
  editor: `editor-${stamp}@example.com`,
  disabled: `disabled-${stamp}@example.com`,
  subscriber: `subscriber-${stamp}@example.org`,
  alertMapping: `Alertmapping${stamp}`,
  apiKey: `Guardedkey${stamp}`,
};
const staffData = [...Object.values(marker), ADMIN.email];

type Route = { path: string; adminOnly?: boolean; evidence: string };
let routes: Route[] = [];
const passwords = { editor: "editor-password-123", disabled: "disabled-password-123" };
/**
 * The Next-Router-State-Tree a browser on this staff page sends when it navigates: it says the
 * root, admin and (staff) layouts are on screen, so Next renders only the new page.
 */
const treeOn = (page: string) =>
  encodeURIComponent(
    JSON.stringify([
      "",
      { children: ["admin", { children: ["(staff)", { children: [page, { children: ["__PAGE__", {}] }] }] }] },
    ]),
  );

/** The staff routes as app/admin/(staff) declares them, `[id]` kept. */
function declaredRoutes(dir = path.resolve(import.meta.dirname, "../app/admin/(staff)"), prefix = "/admin"): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") found.push(prefix);
    if (entry.isDirectory()) found.push(...declaredRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`));
  }
  return found;
}

// The specs after this one on the same server check the demo page's order: leave it as found.
test.afterAll(async () => {
  await withDb((db) => db.component.deleteMany({ where: { name: marker.component } }));
});

test.beforeAll(async () => {
  const ids = await withDb(async (db) => {
    const author = await makeStaff(db, { email: marker.author, role: "admin" });
    await makeStaff(db, { email: marker.editor, password: passwords.editor });
    await makeStaff(db, { email: marker.disabled, password: passwords.disabled });
    const component = await makeComponent(db, { name: marker.component, position: LAST_ON_PAGE });
    const incident = await makeIncident(db, { actor: author, name: marker.incident });
    await savePostmortem({ db, actor: author, input: { incidentId: incident.id, version: null, body: marker.draft } });
    await saveTemplate({ db, actor: author, input: { name: marker.templateName, title: "", body: marker.templateBody } });
    const window = await scheduleMaintenance({
      db,
      actor: author,
      input: {
        name: marker.window,
        message: "Planned.",
        scheduledFor: new Date("2031-01-01T10:00:00Z"),
        scheduledUntil: new Date("2031-01-01T11:00:00Z"),
        componentIds: [component.id],
      },
    });
    await createSubscriber(db, { channel: "email", target: marker.subscriber, state: "active", confirmedAt: new Date() });
    await saveAlertMapping({
      db,
      actor: author,
      input: {
        name: marker.alertMapping,
        matchers: `guard="${stamp}"`,
        componentId: component.id,
        status: "major_outage",
        minHoldSeconds: 0,
      },
    });
    await makeApiKey(db, { name: marker.apiKey, scopes: ["read"] });
    return { incident: incident.id, window: window.id };
  });
  routes = [
    { path: "/admin", evidence: marker.incident },
    { path: "/admin/account", evidence: ADMIN.email },
    { path: "/admin/alerts", adminOnly: true, evidence: marker.alertMapping },
    { path: "/admin/api-keys", adminOnly: true, evidence: marker.apiKey },
    { path: "/admin/audit", evidence: marker.author },
    { path: "/admin/components", evidence: marker.component },
    { path: "/admin/incidents/new", evidence: marker.templateName },
    { path: "/admin/incidents/new/past", evidence: marker.component },
    { path: `/admin/incidents/${ids.incident}`, evidence: marker.author },
    { path: `/admin/incidents/${ids.incident}/postmortem`, evidence: marker.draft },
    { path: "/admin/maintenance", evidence: marker.window },
    { path: `/admin/maintenance/${ids.window}`, evidence: marker.window },
    // The settings form is a client component: its props, not its labels, are in an RSC payload.
    { path: "/admin/settings", adminOnly: true, evidence: "supportUrl" },
    { path: "/admin/staff", adminOnly: true, evidence: marker.disabled },
    { path: "/admin/subscribers", adminOnly: true, evidence: marker.subscriber },
    { path: "/admin/templates", evidence: marker.templateBody },
  ];
});

test("the route list covers every staff page", () => {
  const pattern = (p: string) => p.replace(/\/[a-z0-9]{20,}(?=\/|$)/g, "/[id]");
  expect(routes.map((r) => pattern(r.path)).sort()).toEqual(declaredRoutes().sort());
});

/** The `_rsc` value Next expects with these headers (it redirects a request without it). */
const rscParam = (tree?: string) => computeCacheBustingSearchParam(undefined, undefined, tree, undefined) as Promise<string>;

/**
 * The request shapes a page can be asked in: a client-side navigation from another staff page,
 * as the browser sends it, among them. Shapes Next answers with a redirect to the right `_rsc`
 * (`redirects`) are asked too, but only the others can show an admin the data.
 */
async function shapes(route: Route) {
  const tree = treeOn(route.path === "/admin/templates" ? "audit" : "templates");
  const navigation = { RSC: "1", "Next-Router-State-Tree": tree };
  return [
    { name: "plain GET", url: route.path, headers: {} as Record<string, string>, redirects: false },
    { name: "RSC navigation", url: `${route.path}?_rsc=${await rscParam(tree)}`, headers: navigation, redirects: false },
    { name: "whole RSC tree", url: `${route.path}?_rsc=${await rscParam()}`, headers: { RSC: "1" }, redirects: false },
    { name: "RSC navigation without _rsc", url: route.path, headers: navigation, redirects: true },
    { name: "RSC navigation with a wrong _rsc", url: `${route.path}?_rsc=${stamp}`, headers: navigation, redirects: true },
    { name: "_rsc alone", url: `${route.path}?_rsc=${stamp}`, headers: {}, redirects: false },
  ];
}

async function expectNothingLeaks(context: APIRequestContext, route: Route, who: string, own?: string) {
  for (const shape of await shapes(route)) {
    const response = await context.get(shape.url, { headers: shape.headers, maxRedirects: 0 });
    const body = await response.text();
    const label = `${who}: ${shape.name} ${route.path} (${response.status()})`;
    expect(response.status(), label).toBeLessThan(500);
    for (const secret of [...staffData, route.evidence].filter((s) => s !== own))
      expect(body, `${label} shows ${secret}`).not.toContain(secret);
    if (shape.name === "plain GET" && who !== "editor") {
      expect(response.status(), label).toBeGreaterThanOrEqual(300);
      expect(response.headers().location ?? "", label).toContain("/admin/sign-in");
    }
  }
}

test("an admin sees each page's data in every navigation shape (the markers are real)", async ({ baseURL }) => {
  const admin = await signedInContext(baseURL!, ADMIN);
  for (const route of routes) {
    for (const shape of (await shapes(route)).filter((s) => !s.redirects && s.name !== "_rsc alone")) {
      const response = await admin.get(shape.url, { headers: shape.headers, maxRedirects: 0 });
      expect(await response.text(), `${shape.name} ${route.path}`).toContain(route.evidence);
    }
  }
  await admin.dispose();
});

test("signed out, no staff page answers any request shape with its data", async ({ baseURL }) => {
  const anonymous = await request.newContext({ baseURL });
  for (const route of routes) await expectNothingLeaks(anonymous, route, "signed out");
  await anonymous.dispose();
});

test("a session whose account was disabled reads nothing", async ({ baseURL }) => {
  const context = await signedInContext(baseURL!, { email: marker.disabled, password: passwords.disabled });
  // Disabled behind Upstate's back, keeping its session version: the account's state alone must refuse it.
  await withDb((db) => db.user.update({ where: { email: marker.disabled }, data: { disabled: true } }));
  for (const route of routes) await expectNothingLeaks(context, route, "disabled");
  await context.dispose();
});

test("an editor reads nothing of the admin-only pages, in any request shape", async ({ baseURL }) => {
  const editor = await signedInContext(baseURL!, { email: marker.editor, password: passwords.editor });
  for (const route of routes.filter((r) => r.adminOnly)) {
    await expectNothingLeaks(editor, route, "editor", marker.editor);
    expect((await editor.get(route.path, { maxRedirects: 0 })).status()).toBe(404);
  }
  // The editor's own pages still work.
  expect(await (await editor.get("/admin/templates")).text()).toContain(marker.templateBody);
  await editor.dispose();
});
