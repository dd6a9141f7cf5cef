import { type Browser, type BrowserContext, type BrowserContextOptions, expect, test } from "@playwright/test";
import { toWallTime } from "../lib/time/wall-time.ts";
import { ADMIN, expectNoAxeViolations, signIn } from "./admin-support.ts";

test.describe.configure({ timeout: 180_000 });

// One test per page, spread over the workers: a failure names its page (and the step its scheme),
// and no single test has to scan them all. Pages of demo records are found by their names.
const INCIDENT = "Degraded Authkit Service";
// The demo's maintenance: one upcoming (every form shown), one completed.
const MAINTENANCE = ["Network maintenance in us-east-1", "Database upgrade"];
/** `checkPhone`: also checked on a phone-sized screen, for the pages with wide forms and lists. */
type AdminPage = { label: string; path: (paths: DemoPaths) => string; openDisclosures?: boolean; checkPhone?: boolean };
type DemoPaths = { incident: string; maintenance: string[] };
const ADMIN_PAGES: AdminPage[] = [
  ...[
    "/admin",
    "/admin/incidents/new",
    "/admin/incidents/new/past",
    "/admin/components",
    "/admin/staff",
    "/admin/settings",
    "/admin/audit",
    "/admin/account",
  ].map((path) => ({ label: path, path: () => path })),
  { label: "/admin/maintenance", path: () => "/admin/maintenance", checkPhone: true },
  { label: "/admin/api-keys", path: () => "/admin/api-keys", checkPhone: true },
  { label: `the incident “${INCIDENT}”`, path: (paths) => paths.incident, checkPhone: true },
  { label: `the postmortem of “${INCIDENT}”`, path: (paths) => `${paths.incident}/postmortem` },
  // Closed panels hide their forms from axe: these are opened.
  ...MAINTENANCE.map((name, index) => ({
    label: `the maintenance “${name}”`,
    path: (paths: DemoPaths) => paths.maintenance[index]!,
    openDisclosures: true,
    checkPhone: true,
  })),
];

test.describe("admin pages", () => {
  test.describe.configure({ mode: "parallel" });
  let signedIn: Awaited<ReturnType<BrowserContext["storageState"]>>;
  let paths: DemoPaths;

  // Once per worker: sign in, and find the demo records' pages on this worker's server.
  test.beforeAll(async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole("link", { name: INCIDENT }).click();
    await expect(page.getByRole("heading", { name: INCIDENT, level: 1 })).toBeVisible();
    const incident = new URL(page.url()).pathname;
    const maintenance: string[] = [];
    for (const name of MAINTENANCE) {
      await page.goto("/admin/maintenance");
      await page.getByRole("link", { name, exact: true }).click();
      await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
      maintenance.push(new URL(page.url()).pathname);
    }
    paths = { incident, maintenance };
    signedIn = await context.storageState();
    await context.close();
  });

  async function open(browser: Browser, baseURL: string | undefined, adminPage: AdminPage, options: BrowserContextOptions) {
    const context = await browser.newContext({ baseURL, storageState: signedIn, ...options });
    const page = await context.newPage();
    await page.goto(adminPage.path(paths));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (adminPage.openDisclosures) {
      await page.locator("details").evaluateAll((all) => {
        for (const d of all) d.setAttribute("open", "");
      });
    }
    return page;
  }

  // One page load per page: scanned in light, switched to dark (the schemes are CSS media
  // queries alone) and scanned again, then narrowed to a phone's width where that matters. Each
  // check is a step of its own, so a failure still names its page and scheme.
  for (const adminPage of ADMIN_PAGES) {
    const phone = adminPage.checkPhone ? ", and fits a phone's screen without sideways scrolling" : "";
    test(`${adminPage.label} passes axe in light and dark${phone}`, async ({ browser, baseURL }) => {
      const page = await open(browser, baseURL, adminPage, { colorScheme: "light" });
      await test.step("axe in light", () => expectNoAxeViolations(page));
      await page.emulateMedia({ colorScheme: "dark" });
      // Colours that ease from one scheme to the other (transitions; not endless animations) are
      // measured once they have arrived.
      await page.evaluate(() =>
        Promise.all(
          document
            .getAnimations()
            .filter((animation) => animation instanceof CSSTransition)
            .map((animation) => animation.finished),
        ),
      );
      await test.step("axe in dark", () => expectNoAxeViolations(page));
      if (adminPage.checkPhone) {
        await test.step("a phone's width", async () => {
          await page.setViewportSize({ width: 375, height: 800 });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
        });
      }
      await page.context().close();
    });
  }
});

test("page settings refuse an unknown time zone, keeping what was typed", async ({ page }) => {
  await signIn(page, ADMIN, "/admin/settings");
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
  // The server's scheduler runs every 2 s here (scripts/e2e.ts; 15 s by default): nobody clicks "Start now".
  await expect(async () => {
    await page.goto("/");
    await expect(page.getByRole("main")).toContainText("DashboardThe WorkOS dashboard.Under Maintenance", { timeout: 5000 });
  }).toPass({ timeout: 120_000 });
  await page.goto("/admin/maintenance");
  await page.getByRole("button", { name: `Complete now: ${name}` }).click();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText("Completed");
  await page.goto("/");
  await expect(page.getByRole("main")).toContainText("DashboardThe WorkOS dashboard.Operational");
});

test("the timeline editor's durations follow what is typed, before saving, in the page's time zone", async ({ page }) => {
  await signIn(page);
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
