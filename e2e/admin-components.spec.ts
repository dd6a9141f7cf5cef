import { expect, type Page, test } from "@playwright/test";
import { ADMIN, expectNoAxeViolations, signIn } from "./admin-support.ts";

test.describe.configure({ timeout: 180_000 });

// What identifies each entry on the public page once: group names, and components' descriptions.
const ON_PUBLIC_PAGE = {
  Authentication: "Authentication",
  AuthKit: "Hosted sign-in pages and flows.",
  SSO: "SAML and OpenID Connect single sign-on.",
  API: "The WorkOS REST API",
  Platform: "Platform",
} as const;

/** The given entries in the order the public page lists them now. */
async function publicOrder(page: Page, names: (keyof typeof ON_PUBLIC_PAGE)[]): Promise<string[]> {
  const reader = await page.context().newPage();
  await reader.goto("/");
  const text = (await reader.getByRole("region", { name: "Components" }).textContent()) ?? "";
  await reader.close();
  const at = (name: keyof typeof ON_PUBLIC_PAGE) => text.indexOf(ON_PUBLIC_PAGE[name]);
  for (const name of names) expect(at(name), `${name} on the public page`).toBeGreaterThanOrEqual(0);
  return [...names].sort((a, b) => at(a) - at(b));
}

/** The admin page's headings for groups and components, top to bottom. */
const adminOrder = (page: Page) =>
  page
    .getByRole("main")
    .locator("section h2, section h3")
    .evaluateAll((headings) => headings.map((h) => (h.firstChild?.textContent ?? "").trim()));

/**
 * Presses a button of a page without JavaScript and waits until the page the form post led to has
 * loaded whole: the admin page streams, so its headings can be read half-arrived otherwise.
 */
async function postAndLoad(page: Page, name: string) {
  const loaded = page.waitForEvent("load");
  await page.getByRole("button", { name }).click();
  await loaded;
  await expect(page.getByRole("heading", { name: "Components", level: 1 })).toBeVisible();
}

test("admins move groups and components up and down, and the public page follows", async ({ page }) => {
  await signIn(page, ADMIN, "/admin/components");
  expect(await publicOrder(page, ["Authentication", "API", "Platform"])).toEqual(["Authentication", "API", "Platform"]);
  await expect(page.getByRole("button", { name: "Move up: Authentication (group)" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Move down: Webhooks" })).toBeDisabled();

  const platformUp = page.getByRole("button", { name: "Move up: Platform (group)" });
  await platformUp.click();
  await expect(page.getByRole("status").filter({ hasText: "Moved Platform up: now 2nd of 3." })).toBeAttached();
  // Keyboard users keep their place: focus stays on the button they pressed.
  await expect(platformUp).toBeFocused();
  const authKitDown = page.getByRole("button", { name: "Move down: AuthKit" });
  await authKitDown.click();
  await expect(page.getByRole("status").filter({ hasText: "Moved AuthKit down: now 2nd of 3." })).toBeAttached();
  await expect(authKitDown).toBeFocused();
  expect((await adminOrder(page)).slice(0, 8)).toEqual([
    "Authentication",
    "SSO",
    "AuthKit",
    "Directory Sync",
    "Platform",
    "Dashboard",
    "Webhooks",
    "API",
  ]);
  expect(await publicOrder(page, ["Authentication", "SSO", "AuthKit", "API", "Platform"])).toEqual([
    "Authentication",
    "SSO",
    "AuthKit",
    "Platform",
    "API",
  ]);
  await page.goto("/admin/audit?action=moved");
  await expect(page.getByText("component_group.moved").first()).toBeVisible();
  await expect(page.getByText("component.moved").first()).toBeVisible();

  // With the keyboard alone, put the demo page back as the other tests expect it.
  await page.goto("/admin/components");
  await page.getByRole("button", { name: "Move up: API" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Moved API up: now 2nd of 3." })).toBeAttached();
  await page.getByRole("button", { name: "Move up: AuthKit" }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "Moved AuthKit up: now 1st of 3." })).toBeAttached();
  // First now, its Move up is disabled: focus goes to its Move down rather than to the page's start.
  await expect(page.getByRole("button", { name: "Move down: AuthKit" })).toBeFocused();
  expect(await publicOrder(page, ["Authentication", "AuthKit", "SSO", "API", "Platform"])).toEqual([
    "Authentication",
    "AuthKit",
    "SSO",
    "API",
    "Platform",
  ]);
});

test("Move buttons and Move to group work as plain form posts without JavaScript", async ({ page, browser, baseURL }) => {
  await signIn(page);
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const noScript = await context.newPage();
  await noScript.goto("/admin/components");
  await postAndLoad(noScript, "Move down: SSO");
  expect((await adminOrder(noScript)).slice(0, 4)).toEqual(["Authentication", "AuthKit", "Directory Sync", "SSO"]);
  await postAndLoad(noScript, "Move up: SSO");
  expect((await adminOrder(noScript)).slice(0, 4)).toEqual(["Authentication", "AuthKit", "SSO", "Directory Sync"]);

  // "Move to group" too: Directory Sync out of its group (last on the page), and back (last in it).
  await noScript.getByLabel("Group of Directory Sync", { exact: true }).selectOption({ label: "Outside any group" });
  await postAndLoad(noScript, "Move Directory Sync to the chosen group");
  expect((await adminOrder(noScript)).slice(0, 3)).toEqual(["Authentication", "AuthKit", "SSO"]);
  expect((await adminOrder(noScript)).slice(3).indexOf("Directory Sync")).toBeGreaterThan(0);
  await noScript.getByLabel("Group of Directory Sync", { exact: true }).selectOption({ label: "Authentication" });
  await postAndLoad(noScript, "Move Directory Sync to the chosen group");
  expect((await adminOrder(noScript)).slice(0, 4)).toEqual(["Authentication", "AuthKit", "SSO", "Directory Sync"]);
  await context.close();
});

test("the delete confirmation says what happens to a component's history, and the page passes axe", async ({ page }) => {
  await signIn(page, ADMIN, "/admin/components");
  await page.getByText("Edit or delete API").click();
  await expect(
    page.getByText("Deleting API removes it from the public page together with its status history and uptime bars."),
  ).toBeVisible();
  await page.getByRole("button", { name: "Delete component" }).first().click();
  await expect(page.getByText("Tick this box to confirm.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /^API/, level: 2 })).toBeVisible();
  await page.getByText("Rename or delete group “Platform”").click();
  await expect(page.getByText("Its components stay, with their status history and uptime").filter({ visible: true })).toHaveCount(
    1,
  );
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await test.step(`axe in ${scheme}, disclosures open`, () => expectNoAxeViolations(page));
  }
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
