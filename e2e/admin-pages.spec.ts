import { expect, test } from "@playwright/test";
import { toWallTime } from "../lib/time/wall-time.ts";
import { expectNoAxeViolations, signIn } from "./admin-support.ts";

test.describe.configure({ timeout: 180_000 });

test("every admin page passes axe, in light and dark, on a phone too", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Degraded Authkit Service" }).click();
  const incidentPath = new URL(page.url()).pathname;
  // The demo's maintenance: one upcoming (every form shown), one completed.
  const maintenancePaths: string[] = [];
  for (const name of ["Network maintenance in us-east-1", "Database upgrade"]) {
    await page.goto("/admin/maintenance");
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    maintenancePaths.push(new URL(page.url()).pathname);
  }
  const paths = [
    "/admin",
    "/admin/incidents/new",
    "/admin/incidents/new/past",
    incidentPath,
    `${incidentPath}/postmortem`,
    "/admin/components",
    "/admin/staff",
    "/admin/settings",
    "/admin/audit",
    "/admin/maintenance",
    ...maintenancePaths,
  ];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // Closed panels hide their forms from axe: open them.
      if (maintenancePaths.includes(path)) {
        await page.locator("details").evaluateAll((all) => {
          for (const d of all) d.setAttribute("open", "");
        });
      }
      await test.step(`${path} in ${scheme}`, () => expectNoAxeViolations(page));
    }
  }
  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of [incidentPath, "/admin/maintenance", ...maintenancePaths]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test("page settings refuse an unknown time zone, keeping what was typed", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/settings");
  await page.getByLabel("Page name").fill("WorkOS (renamed)");
  await page.getByLabel("Time zone").fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter an IANA time zone name", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Page name")).toHaveValue("WorkOS (renamed)");
  await expect(page.getByLabel("Time zone")).toBeFocused();
});

test("staff set a component's status directly and the public page shows it", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Components" }).click();
  await page.getByLabel("Status of Directory Sync").selectOption("major_outage");
  await page
    .locator("form", { has: page.getByLabel("Status of Directory Sync") })
    .getByRole("button", { name: "Set status" })
    .click();
  await expect(page.getByText("Status set.")).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("main")).toContainText("Directory SyncSCIM and directory provider sync.Major Outage");
  await page.goto("/admin/audit?action=status_set");
  await expect(page.getByText("component.status_set").first()).toBeVisible();
  // Leave the demo page as the public-page tests expect it.
  await page.goto("/admin/components");
  await page.getByLabel("Status of Directory Sync").selectOption("operational");
  await page
    .locator("form", { has: page.getByLabel("Status of Directory Sync") })
    .getByRole("button", { name: "Set status" })
    .click();
  await expect(page.getByText("Status set.")).toBeVisible();
});

test("maintenance that is due starts by itself, and staff complete it", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Maintenance" }).click();
  const name = `Database upgrade ${Date.now()}`;
  const form = page.getByRole("region", { name: "Schedule maintenance" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Message").fill("We upgrade the primary database.");
  // The demo page's time zone.
  await form.getByLabel("Starts").fill(toWallTime(new Date(Date.now() - 60_000), "America/New_York"));
  await form.getByLabel("Ends").fill(toWallTime(new Date(Date.now() + 3_600_000), "America/New_York"));
  await form.getByLabel("Dashboard").check();
  await form.getByRole("button", { name: "Schedule maintenance" }).click();
  await expect(form.getByRole("status")).toHaveText("Maintenance scheduled.");
  // The server's scheduler runs every 15 s: nobody clicks "Start now".
  await expect(async () => {
    await page.goto("/");
    await expect(page.getByRole("main")).toContainText("DashboardThe WorkOS dashboard.Under Maintenance", { timeout: 1000 });
  }).toPass({ timeout: 40_000 });
  await page.goto("/admin/maintenance");
  await page.getByRole("button", { name: `Complete now: ${name}` }).click();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText("Completed");
  await page.goto("/");
  await expect(page.getByRole("main")).toContainText("DashboardThe WorkOS dashboard.Operational");
});

test("the timeline editor's durations follow what is typed, before saving, in the page's time zone", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Degraded Authkit Service" }).click();
  await page.getByRole("link", { name: "postmortem and timeline" }).click();
  const acknowledge = page.getByTestId("duration-timeToAcknowledge");
  const fix = page.getByTestId("duration-timeToPermanentFix");
  await expect(acknowledge).toHaveText("27 m");
  await expect(fix).toHaveText("4 h 30 m");

  // The demo page is in New York: 16:40 EDT is 20:40 UTC, 39 minutes after the 20:01 start.
  const acknowledged = page.locator("li", { hasText: "issue was acknowledged by WorkOS team" });
  await acknowledged.locator("summary").click();
  await acknowledged.getByLabel("When").fill("2024-07-11T16:40");
  await expect(acknowledge).toHaveText("39 m");
  await expect(page.getByText("Not saved yet (saved: 27 m)")).toBeVisible();

  // An event not added yet counts too: an earlier acknowledgement wins.
  const add = page.locator("form", { has: page.locator("#new-event-at") });
  await add.getByLabel("When").fill("2024-07-11T16:05");
  await add.getByLabel("What").selectOption("acknowledged");
  await expect(acknowledge).toHaveText("4 m");
  await add.getByLabel("What").selectOption("fixed");
  await expect(acknowledge).toHaveText("39 m");
  await expect(fix).toHaveText("4 m");

  // Nothing was saved: a reload shows the stored durations again.
  await page.reload();
  await expect(acknowledge).toHaveText("27 m");
  await expect(fix).toHaveText("4 h 30 m");
  await expect(page.getByText("Not saved yet")).toHaveCount(0);
});
