import { type Browser, expect, type Page, test } from "@playwright/test";
import { ADMIN, signIn } from "./admin-support.ts";

// Two staff members (two tabs, each signed in on its own) edit the same thing. The second save
// must not silently overwrite the first: it says what changed, keeps what was typed, and writes
// nothing until saved again on purpose.

test.describe.configure({ timeout: 180_000 });

async function signedInTab(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page);
  return page;
}

async function openIncident(page: Page, name: string): Promise<string> {
  await page.goto("/admin/incidents/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Message").fill("First words.");
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function deleteIncident(page: Page, path: string) {
  await page.goto(path);
  await page.locator("summary", { hasText: "Delete incident" }).click();
  await page.getByLabel("Yes, delete this incident").check();
  await page.getByRole("button", { name: "Delete incident" }).click();
  await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
}

test("two tabs edit the same update: the second save gets a conflict showing the first's text, and keeps its own", async ({
  browser,
  baseURL,
}) => {
  const [one, two] = [await signedInTab(browser, baseURL), await signedInTab(browser, baseURL)];
  const path = await openIncident(one, `Two editors ${Date.now()}`);
  await two.goto(path);
  for (const tab of [one, two]) await tab.locator("summary", { hasText: "Edit this update" }).click();

  await one.getByLabel("Text").fill("Tab one found the cause.");
  await one.getByRole("button", { name: "Save update" }).click();
  await expect(one.getByRole("status").filter({ hasText: "Update saved." })).toBeVisible();

  await two.getByLabel("Text").fill("Tab two thinks otherwise.");
  await two.getByRole("button", { name: "Save update" }).click();
  const conflict = two.locator("form", { has: two.getByLabel("Text") }).getByRole("alert");
  await expect(conflict).toContainText(`${ADMIN.email} saved this update after you opened it.`);
  await expect(conflict).toContainText("It now reads: “Tab one found the cause.”");
  await expect(conflict).toBeFocused();
  await expect(two.getByLabel("Text")).toHaveValue("Tab two thinks otherwise.");

  const incidentId = path.split("/").pop();
  await one.goto(`/incidents/${incidentId}`);
  await expect(one.getByRole("main")).toContainText("Tab one found the cause.");
  await expect(one.getByRole("main")).not.toContainText("Tab two thinks otherwise.");

  // Saving again is now a deliberate choice to replace tab one's text.
  await two.getByRole("button", { name: "Save update" }).click();
  await expect(two.getByRole("status").filter({ hasText: "Update saved." })).toBeVisible();
  await one.reload();
  await expect(one.getByRole("main")).toContainText("Tab two thinks otherwise.");

  await deleteIncident(one, path);
  await one.context().close();
  await two.context().close();
});

test("two tabs edit the same incident's name and impact: the second save gets a conflict naming the first's change", async ({
  browser,
  baseURL,
}) => {
  const [one, two] = [await signedInTab(browser, baseURL), await signedInTab(browser, baseURL)];
  const name = `Two renamers ${Date.now()}`;
  const path = await openIncident(one, name);
  await two.goto(path);
  for (const tab of [one, two]) await tab.locator("summary", { hasText: "Edit name and impact" }).click();

  await one.locator("#edit-name").fill(`${name} (tab one)`);
  await one.getByLabel("Impact", { exact: true }).selectOption("major");
  await one.getByRole("button", { name: "Save incident" }).click();
  await expect(one.getByRole("status").filter({ hasText: "Incident saved." })).toBeVisible();
  await expect(one.getByRole("heading", { name: `${name} (tab one)`, level: 1 })).toBeVisible();

  await two.locator("#edit-name").fill(`${name} (tab two)`);
  await two.getByLabel("Impact", { exact: true }).selectOption("critical");
  await two.getByRole("button", { name: "Save incident" }).click();
  const conflict = two.locator("form", { has: two.locator("#edit-name") }).getByRole("alert");
  await expect(conflict).toContainText(`This incident changed after you opened it (it is now “${name} (tab one)”`);
  await expect(conflict).toContainText("impact major");
  await expect(two.locator("#edit-name")).toHaveValue(`${name} (tab two)`);
  await expect(two.getByLabel("Impact", { exact: true })).toHaveValue("critical");

  await one.reload();
  await expect(one.getByRole("heading", { name: `${name} (tab one)`, level: 1 })).toBeVisible();
  await expect(one.getByText("impact major (set by staff)")).toBeVisible();

  await deleteIncident(one, path);
  await one.context().close();
  await two.context().close();
});
