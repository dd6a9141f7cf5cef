import { expect, type Locator, type Page, test } from "@playwright/test";
import { ADMIN, expectNoAxeViolations, signIn } from "./admin-support.ts";

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

/** The demo page's order in the admin, which the drag test starts from and puts back. */
const DEMO_ORDER = ["Authentication", "AuthKit", "SSO", "Directory Sync", "API", "Platform", "Dashboard", "Webhooks"];

const heading = (page: Page, name: string) => page.getByRole("heading", { name: new RegExp(`^${name} ·`) });
/** An item of a reorderable list, by its heading, and the drag handle of that item (not of one inside it). */
const dragItem = (page: Page, name: string, level: 2 | 3) =>
  page
    .locator("[data-drag-item]")
    .filter({ has: page.getByRole("heading", { name: new RegExp(`^${name}( ·|$)`), level }) })
    .last();
const handleOf = (item: ReturnType<typeof dragItem>) => item.locator(":scope > div > [data-drag-handle]");

/** At 1280 and 375 px, light and dark: nothing wider than the screen; screenshots with E2E_SCREENSHOTS. */
async function expectFitsAndShoot(page: Page, name: string) {
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
      if (folder) await page.screenshot({ path: `${folder}/${name}-${label}-${colorScheme}.png`, fullPage: true });
    }
  }
}

test("staff set one status on several components at once, or a whole group, and the public page follows", async ({ page }) => {
  await signIn(page, ADMIN, "/admin/components");
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
  await signIn(page, ADMIN, "/admin/components");
  expect((await adminOrder(page)).slice(0, 8)).toEqual(DEMO_ORDER);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await dragItem(page, "Webhooks", 3).scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(0);
  // Both on screen, so that the drag itself scrolls nothing.
  await expect(dragItem(page, "Dashboard", 3)).toBeInViewport({ ratio: 1 });

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
  expect((await adminOrder(page)).slice(0, 8)).toEqual(DEMO_ORDER);

  await expectFitsAndShoot(page, "admin-components");
});

/** Drags with the mouse, as a person does: press on the handle, move over the target (twice, so that it hears dragover), let go. */
async function drag(page: Page, handle: Locator, target: Locator) {
  await handle.hover();
  await page.mouse.down();
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 20), { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 20) + 2, { steps: 2 });
  await page.mouse.up();
}

/** The public page's groups and ungrouped components, each group with its components: `Platform: Dashboard, Webhooks`. */
async function publicGroups(page: Page): Promise<string[]> {
  const reader = await page.context().newPage();
  await reader.goto("/");
  const list = await reader
    .getByRole("region", { name: "Components" })
    .locator(":scope > div > ul > li")
    .evaluateAll((items) =>
      items.map((item) => {
        const names = Array.from(item.querySelectorAll(".component-head .font-medium"), (name) => name.textContent ?? "");
        const group = item.querySelector("summary span")?.textContent;
        return group ? `${group}: ${names.join(", ")}` : names.join(", ");
      }),
    );
  await reader.close();
  return list;
}

const DEMO_GROUPS = ["Authentication: AuthKit, SSO, Directory Sync", "API", "Platform: Dashboard, Webhooks"];

test("admins move a component to another group by drag and drop or by keyboard, without a reload", async ({ page }) => {
  await signIn(page, ADMIN, "/admin/components");
  expect(await publicGroups(page)).toEqual(DEMO_GROUPS);
  // Everything on one screen: a native drag does not scroll the page.
  await page.setViewportSize({ width: 1280, height: 2600 });
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
  const status = (text: string) => page.getByRole("status").filter({ hasText: text });

  // Webhooks onto SSO, in another group: it takes SSO's place there.
  await drag(page, handleOf(dragItem(page, "Webhooks", 3)), dragItem(page, "SSO", 3));
  await expect(status("Moved Webhooks to group “Authentication”: now 2nd of 4.")).toBeAttached();
  // The page refreshes in place just after the answer.
  await expect
    .poll(async () => (await adminOrder(page)).slice(0, 8))
    .toEqual(["Authentication", "AuthKit", "Webhooks", "SSO", "Directory Sync", "API", "Platform", "Dashboard"]);
  await expect
    .poll(() => publicGroups(page))
    .toEqual(["Authentication: AuthKit, Webhooks, SSO, Directory Sync", "API", "Platform: Dashboard"]);

  // Out of its group onto API, outside any group: it takes API's place at the top level.
  await drag(page, handleOf(dragItem(page, "Webhooks", 3)), dragItem(page, "API", 2));
  await expect(status("Moved Webhooks to the top level: now 2nd of 4.")).toBeAttached();
  await expect
    .poll(async () => (await adminOrder(page)).slice(0, 7))
    .toEqual(["Authentication", "AuthKit", "SSO", "Directory Sync", "Webhooks", "API", "Platform"]);

  // Onto the Platform group itself: last in it, where the demo page had it.
  await drag(page, handleOf(dragItem(page, "Webhooks", 2)), page.getByRole("heading", { name: "Platform", level: 2 }));
  await expect(status("Moved Webhooks to group “Platform”: now 2nd of 2.")).toBeAttached();
  await expect.poll(async () => (await adminOrder(page)).slice(5, 8)).toEqual(["Platform", "Dashboard", "Webhooks"]);
  await expect.poll(() => publicGroups(page)).toEqual(DEMO_GROUPS);

  // While a grouped component is dragged, the end of the page takes it out of its group.
  const end = page.locator("[data-drop-end]");
  await expect(end).toHaveCount(0);
  await handleOf(dragItem(page, "Dashboard", 3)).hover();
  await page.mouse.down();
  await page.mouse.move(10, 10, { steps: 2 });
  await expect(end).toBeVisible();
  const endBox = (await end.boundingBox())!;
  await page.mouse.move(endBox.x + 20, endBox.y + 10, { steps: 4 });
  await page.mouse.move(endBox.x + 22, endBox.y + 12, { steps: 2 });
  await page.mouse.up();
  await expect(status("Moved Dashboard to the top level: now 4th of 4.")).toBeAttached();
  await expect(end).toHaveCount(0);
  await expect.poll(async () => (await adminOrder(page)).slice(5, 8)).toEqual(["Platform", "Webhooks", "Dashboard"]);
  // And back onto Webhooks' place in Platform.
  await drag(page, handleOf(dragItem(page, "Dashboard", 2)), dragItem(page, "Webhooks", 3));
  await expect(status("Moved Dashboard to group “Platform”: now 1st of 2.")).toBeAttached();
  await expect.poll(() => publicGroups(page)).toEqual(DEMO_GROUPS);

  // The keyboard's way: API's "Group" select, then its Move button. Focus follows API to its new
  // place, where the same keys take it out again.
  await page.setViewportSize({ width: 1280, height: 700 });
  const apiGroup = page.getByLabel("Group of API", { exact: true });
  await apiGroup.focus();
  await page.keyboard.type("Platform");
  await expect(apiGroup.locator("option:checked")).toHaveText("Platform");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Move API to the chosen group" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(status("Moved API to group “Platform”: now 3rd of 3.")).toBeAttached();
  await expect(page.getByLabel("Group of API", { exact: true })).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await expect
    .poll(() => publicGroups(page))
    .toEqual(["Authentication: AuthKit, SSO, Directory Sync", "Platform: Dashboard, Webhooks, API"]);

  await page.keyboard.type("Outside");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(status("Moved API to the top level: now 3rd of 3.")).toBeAttached();
  await expect(page.getByLabel("Group of API", { exact: true })).toBeFocused();
  // Move up puts it back between the groups, as the demo page has it.
  await page.getByRole("button", { name: "Move up: API" }).click();
  await expect(page.getByText("Moved API up: now 2nd of 3.")).toBeAttached();
  await expect.poll(() => publicGroups(page)).toEqual(DEMO_GROUPS);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  await expectFitsAndShoot(page, "admin-components-groups");
  await page.emulateMedia({ colorScheme: "light" });
  await test.step("axe", () => expectNoAxeViolations(page));
});

test("an admin lists a component on the public page only while it is degraded, and back", async ({ page }) => {
  await signIn(page, ADMIN, "/admin/components");
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
