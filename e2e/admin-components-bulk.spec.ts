import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./admin-support.ts";

test.describe.configure({ timeout: 180_000 });

// The demo page's Authentication group (AuthKit, SSO, Directory Sync) and Platform group
// (Dashboard, Webhooks), with API between them. Each test leaves them as it found them: the specs
// after it on the same server check the demo page's order and statuses.

/** The text of the public page's component list, read in a tab of its own. */
async function publicComponents(page: Page): Promise<string> {
  const reader = await page.context().newPage();
  await reader.goto("/");
  const text = (await reader.getByRole("region", { name: "Components" }).textContent()) ?? "";
  await reader.close();
  return text;
}

/** The admin page's headings for groups and components, top to bottom (the bulk panel is not a section). */
const adminOrder = (page: Page) =>
  page
    .getByRole("main")
    .locator("section h2, section h3")
    .evaluateAll((headings) => headings.map((h) => (h.firstChild?.textContent ?? "").trim()));

const heading = (page: Page, name: string) => page.getByRole("heading", { name: new RegExp(`^${name} ·`) });
/** An item of a reorderable list, by its heading, and the drag handle of that item (not of one inside it). */
const dragItem = (page: Page, name: string, level: 2 | 3) =>
  page
    .locator("[data-drag-item]")
    .filter({ has: page.getByRole("heading", { name: new RegExp(`^${name}( ·|$)`), level }) })
    .last();
const handleOf = (item: ReturnType<typeof dragItem>) => item.locator(":scope > div > [data-drag-handle]");

test("staff set one status on several components at once, or a whole group, and the public page follows", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/components");
  for (const name of ["AuthKit", "SSO", "Directory Sync"]) await expect(heading(page, name)).toContainText("Operational");
  expect(await publicComponents(page)).not.toMatch(/Partial Outage/);

  await page.getByRole("checkbox", { name: "Choose AuthKit for the bulk status change" }).check();
  await page.getByRole("checkbox", { name: "Choose SSO for the bulk status change" }).check();
  await page.getByLabel("New status").selectOption("partial_outage");
  await page.locator("#bulk-status-notify").uncheck();
  await page.getByRole("button", { name: "Set status of ticked components" }).click();
  await expect(page.getByText("Status set on 2 components.")).toBeVisible();
  await expect(heading(page, "AuthKit")).toContainText("Partial Outage");
  await expect(heading(page, "SSO")).toContainText("Partial Outage");
  await expect(heading(page, "Directory Sync")).toContainText("Operational");
  // The boxes are cleared for the next change.
  await expect(page.getByRole("checkbox", { name: "Choose AuthKit for the bulk status change" })).not.toBeChecked();
  expect(await publicComponents(page)).toMatch(/Partial Outage/);

  // Nothing ticked: the form says so and changes nothing.
  await page.getByLabel("New status").selectOption("operational");
  await page.getByRole("button", { name: "Set status of ticked components" }).click();
  await expect(page.getByText("Choose at least one component.")).toBeVisible();

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await test.step(`axe in ${scheme}`, () => expectNoAxeViolations(page));
  }

  // "Choose all in Authentication" ticks its three components; setting Operational puts the demo back.
  await page.getByRole("checkbox", { name: "Choose all in Authentication" }).check();
  await expect(page.getByRole("checkbox", { name: "Choose Directory Sync for the bulk status change" })).toBeChecked();
  await page.getByLabel("New status").selectOption("operational");
  await page.locator("#bulk-status-notify").uncheck();
  await page.getByRole("button", { name: "Set status of ticked components" }).click();
  await expect(page.getByText("Status set on 2 components (1 component already had it).")).toBeVisible();
  for (const name of ["AuthKit", "SSO", "Directory Sync"]) await expect(heading(page, name)).toContainText("Operational");
  expect(await publicComponents(page)).not.toMatch(/Partial Outage/);
});

test("admins reorder by drag and drop, staying where they were on the page, and the public page follows", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/components");
  expect((await adminOrder(page)).slice(0, 8)).toEqual([
    "Authentication",
    "AuthKit",
    "SSO",
    "Directory Sync",
    "API",
    "Platform",
    "Dashboard",
    "Webhooks",
  ]);
  await page.setViewportSize({ width: 1280, height: 700 });
  await dragItem(page, "Webhooks", 3).scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(0);

  await handleOf(dragItem(page, "Webhooks", 3)).dragTo(dragItem(page, "Dashboard", 3));
  await expect(page.getByRole("status").filter({ hasText: "Moved Webhooks: now 1st of 2." })).toBeAttached();
  expect((await adminOrder(page)).slice(5, 8)).toEqual(["Platform", "Webhooks", "Dashboard"]);
  // No reload and no jump to the top: the page stays where the admin was.
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(100);
  const text = await publicComponents(page);
  expect(text.indexOf("Event delivery to your endpoints.")).toBeLessThan(text.indexOf("The WorkOS dashboard."));

  // A group among the top level: Platform onto Authentication puts it first (both on screen: a
  // native drag does not scroll the page).
  await page.setViewportSize({ width: 1280, height: 2400 });
  await handleOf(dragItem(page, "Platform", 2)).dragTo(dragItem(page, "Authentication", 2));
  await expect(page.getByRole("status").filter({ hasText: "Moved Platform: now 1st of 3." })).toBeAttached();
  expect((await adminOrder(page)).filter((name) => ["Authentication", "API", "Platform"].includes(name))).toEqual([
    "Platform",
    "Authentication",
    "API",
  ]);
  const moved = await publicComponents(page);
  expect(moved.indexOf("Platform")).toBeLessThan(moved.indexOf("Authentication"));

  // Put the demo page back: Platform onto API (last), Dashboard onto Webhooks (first).
  await handleOf(dragItem(page, "Platform", 2)).dragTo(dragItem(page, "API", 2));
  await expect(page.getByRole("status").filter({ hasText: "Moved Platform: now 3rd of 3." })).toBeAttached();
  await handleOf(dragItem(page, "Dashboard", 3)).dragTo(dragItem(page, "Webhooks", 3));
  await expect(page.getByRole("status").filter({ hasText: "Moved Dashboard: now 1st of 2." })).toBeAttached();
  await page.reload();
  expect((await adminOrder(page)).slice(0, 8)).toEqual([
    "Authentication",
    "AuthKit",
    "SSO",
    "Directory Sync",
    "API",
    "Platform",
    "Dashboard",
    "Webhooks",
  ]);

  // At 1280 and 375 px, light and dark: nothing wider than the screen; screenshots with E2E_SCREENSHOTS.
  for (const [label, width] of [
    ["desktop", 1280],
    ["phone", 375],
  ] as const) {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${label} ${colorScheme} scrolls sideways`).toBeLessThanOrEqual(0);
      const folder = process.env.E2E_SCREENSHOTS;
      if (folder) await page.screenshot({ path: `${folder}/admin-components-${label}-${colorScheme}.png`, fullPage: true });
    }
  }
});

test("an admin lists a component on the public page only while it is degraded, and back", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/components");
  expect(await publicComponents(page)).toContain("The WorkOS REST API");
  const onlyDegraded = page.getByRole("checkbox", { name: "Only show while degraded (hidden while operational)" }).filter({
    visible: true,
  });
  await page.getByText("Edit or delete API").click();
  await expect(page.getByRole("checkbox", { name: "Show uptime bars" }).filter({ visible: true })).toBeChecked();
  await onlyDegraded.check();
  await page.getByRole("button", { name: "Save component" }).filter({ visible: true }).click();
  await expect(page.getByText("Component saved.")).toBeVisible();
  // Read until the change shows: the first load after it may be the cached copy being re-rendered.
  await expect.poll(() => publicComponents(page)).not.toContain("The WorkOS REST API");

  // Put the demo page back.
  await expect(onlyDegraded).toBeChecked();
  await onlyDegraded.uncheck();
  await page.getByRole("button", { name: "Save component" }).filter({ visible: true }).click();
  await expect(page.getByText("Component saved.")).toBeVisible();
  await expect.poll(() => publicComponents(page)).toContain("The WorkOS REST API");
});
