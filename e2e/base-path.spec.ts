import { expect, type Page, test } from "@playwright/test";
import { makeApiKey } from "../tests/support/factories.ts";
import { ADMIN } from "./admin-support.ts";
import { withDb } from "./security-support.ts";

// Upstate published under a path of another site (PUBLIC_URL=http://host/status), as the
// reference postmortem's lesson asks: every link, asset, form, redirect and sign-in step must
// stay below /status. scripts/e2e.ts builds the app that way and sets E2E_BASE_PATH.

const base = process.env.E2E_BASE_PATH ?? "";
test.skip(!base, "needs the build served under a base path (scripts/e2e.ts sets E2E_BASE_PATH)");
test.describe.configure({ timeout: 120_000 });

/** Fails the test on any response of ours outside the base path or in error. */
function watchResponses(page: Page) {
  const bad: string[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.origin !== new URL(page.url() || response.url()).origin) return;
    if (!url.pathname.startsWith(`${base}/`) && url.pathname !== base) bad.push(`outside ${base}: ${url.pathname}`);
    else if (response.status() >= 400) bad.push(`${response.status()}: ${url.pathname}`);
  });
  return bad;
}

async function rootRelativeLinks(page: Page) {
  return page
    .locator("a[href^='/'], link[href^='/'], script[src^='/'], img[src^='/'], form[action^='/']")
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("href") ?? n.getAttribute("src") ?? n.getAttribute("action") ?? ""));
}

// First in this file: the server behind it has just started (scripts/e2e.ts waits for the API).
test("the status page is rendered before the server takes requests, so the first visitor gets it from the cache", async ({
  request,
}) => {
  const response = await request.get(base);
  expect(response.status()).toBe(200);
  expect(response.headers()["x-upstate-cache"]).toBe("HIT");
});

test("the public pages link, load and navigate below the base path", async ({ page }) => {
  const bad = watchResponses(page);
  expect((await page.request.get("/")).status()).toBe(404);
  await page.goto(base);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("WorkOS status");
  const links = await rootRelativeLinks(page);
  expect(links.length).toBeGreaterThan(5);
  for (const link of links) expect(link, link).toMatch(new RegExp(`^${base}(/|$)`));

  await page.getByRole("link", { name: "Incident history" }).first().click();
  await expect(page).toHaveURL(new RegExp(`${base}/history$`));
  await page.getByRole("link", { name: "Degraded Authkit Service" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/incidents/[a-z0-9]+$`));
  await expect(page.getByText("Posted Jul 19, 2024 - 11:57 EDT")).toBeVisible();
  for (const link of await rootRelativeLinks(page)) expect(link, link).toMatch(new RegExp(`^${base}(/|$)`));
  await page.getByRole("link", { name: "WorkOS" }).first().click();
  await expect(page).toHaveURL(new RegExp(`${base}$`));

  const summary = (await (await page.request.get(`${base}/api/v2/summary.json`)).json()) as { page: { url: string } };
  expect(summary.page.url).toMatch(new RegExp(`${base}$`));
  expect(bad).toEqual([]);
});

test("staff sign in, post, see the public page follow, and sign out, all below the base path", async ({ page }) => {
  const bad = watchResponses(page);
  await page.goto(`${base}/admin`);
  await expect(page).toHaveURL(new RegExp(`${base}/admin/sign-in`));
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${base}/admin$`));

  await page.getByRole("link", { name: "New incident" }).click();
  const name = `Under a base path ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Message").fill("Posted from below /status.");
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${base}/admin/incidents/[a-z0-9]+$`));

  // Anonymous readers get the cached public page, refreshed by the write.
  const reader = await page.context().browser()!.newPage();
  await expect.poll(async () => (await reader.request.get(base)).text()).toContain(name);
  await reader.close();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/admin/sign-in`));
  expect(bad).toEqual([]);
});

test("the write API takes the page's own URL, below the base path, and refuses one at the host's root", async ({
  request,
  baseURL,
}) => {
  // The write API is answered by the server in front of Next (lib/server/api-handler.ts), which
  // must know the base path the build was made with, as Next's bundles do.
  const key = await withDb((db) => makeApiKey(db, { scopes: ["admin"] }));
  const headers = { authorization: `Bearer ${key.secret}` };
  const page = `${base}/api/v1/pages/upstate`;
  const before = ((await (await request.get(page, { headers })).json()) as { url: string }).url;
  const own = `${new URL(baseURL!).origin}${base}`;
  const taken = await request.patch(page, { headers, data: { page: { url: own } } });
  expect(taken.status(), await taken.text()).toBe(200);
  expect(((await taken.json()) as { url: string }).url).toBe(own);
  const root = await request.patch(page, { headers, data: { page: { url: new URL(baseURL!).origin } } });
  expect(root.status()).toBe(422);
  expect(await root.text()).toContain(`The URL's path must be ${base}`);
  await request.patch(page, { headers, data: { page: { url: before } } });
});
