import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./admin-support.ts";

// The status page's uptime as customers read it: in words for screen readers whether or not the
// page's script has run, each day's incidents as links, and the local-time switch beside the
// page's first times, saying which zone is shown. On the seeded demo page.

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 800 };
const SHOTS = path.resolve(import.meta.dirname, "../test-results/public-uptime");

/** The screen-reader text of the Dashboard's uptime: the summary, as the accessibility tree reads it. */
async function dashboardUptimeText(page: Page): Promise<string> {
  const row = page.locator(".uptime", { hasText: /Dashboard: [\d.]+% uptime over the last 90 days/ });
  await expect(row).toHaveCount(1);
  return row.ariaSnapshot();
}

/** The element's box lies wholly inside the viewport (boundingBox is relative to it), and is not empty. */
async function expectInsideViewport(element: Locator, viewport: { width: number; height: number }) {
  const box = await element.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.width).toBeGreaterThan(0);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
}

async function openStatusPage(browser: Browser, options: { javaScriptEnabled: boolean; viewport: typeof DESKTOP }) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto("/");
  return { context, page };
}

for (const viewport of [DESKTOP, PHONE]) {
  test.describe(`at ${viewport.width} px`, () => {
    test("the uptime summary reads the same before and after the script turns the strip into bars", async ({ browser }) => {
      const before = await openStatusPage(browser, { javaScriptEnabled: false, viewport });
      await expect(before.page.locator(".uptime-strip").first()).toBeAttached();
      const withoutScript = await dashboardUptimeText(before.page);
      await before.context.close();
      expect(withoutScript).toMatch(/Dashboard: [\d.]+% uptime over the last 90 days\. .*min major outage/);

      const after = await openStatusPage(browser, { javaScriptEnabled: true, viewport });
      await expect(after.page.getByRole("list", { name: "Dashboard: uptime over the last 90 days" })).toBeAttached();
      await expect(after.page.locator(".uptime-strip")).toHaveCount(0);
      const withScript = await dashboardUptimeText(after.page);
      // The summary is all there still; the bars add their own list after it.
      expect(withScript.startsWith(withoutScript.split("\n")[0]!)).toBe(true);
      expect(withScript).toContain(withoutScript.split("\n")[1]!.trim());
      await after.context.close();
    });

    test("a day with an incident lists it as a link under the bars", async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto("/");
      // The seeded API latency incident, nine days ago: within the 30 days a phone shows.
      const bars = page.getByRole("list", { name: "API: uptime over the last 90 days" });
      const day = bars.locator('li[aria-label*="Elevated API latency"]').first();
      await expect(day).toBeAttached();
      await expect(day).toBeVisible();
      const dateWords = (await day.getAttribute("aria-label"))!.split(":")[0]!;
      await day.focus();
      const details = page.locator(".uptime-day").filter({ visible: true });
      await expect(details).toContainText(dateWords);
      await expect(details.getByText("Related:")).toBeVisible();
      const link = details.getByRole("link", { name: "Elevated API latency" });
      await expect(link).toHaveAttribute("href", /\/incidents\/[a-z0-9]+$/);
      // The incident is named once, as its link, not again in the day's words.
      expect((await details.textContent())!.split("Elevated API latency")).toHaveLength(2);
      // The link is the next stop after the bar for keyboard users.
      await page.keyboard.press("Tab");
      await expect(link).toBeFocused();
      await expectNoAxeViolations(page);
      await link.click();
      await expect(page.getByRole("heading", { level: 1, name: "Elevated API latency" })).toBeVisible();

      // Focusing a day without incidents puts the list away.
      await page.goBack();
      await bars.locator('li:not([aria-label*="Incidents"])').last().focus();
      await expect(page.locator(".uptime-day").filter({ visible: true })).toHaveCount(0);
    });

    test("statuses are told in words, not by colour alone", async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto("/");
      const statuses = page.locator(".component-status");
      expect(await statuses.count()).toBeGreaterThan(0);
      for (const status of await statuses.all()) await expect(status).toHaveText(/[A-Za-z]{4,}/);
      const past = page.getByRole("region", { name: "Past Incidents" });
      await expect(past.getByText(/· (No|Minor|Major|Critical) impact|· Maintenance/).first()).toBeVisible();
    });
  });
}

test("a day's tooltip stays inside the screen for the first and last days at every width, by keyboard and pointer", async ({
  page,
}) => {
  const tip = page.locator(".uptime-tip");
  await page.goto("/");
  for (const width of [320, 375, 414, 700, 800, 1280]) {
    const viewport = { width, height: 800 };
    await page.setViewportSize(viewport);
    // API is outside any group; Dashboard is in one, indented.
    for (const name of ["API", "Dashboard"]) {
      const days = page
        .getByRole("list", { name: `${name}: uptime over the last 90 days` })
        .locator("li")
        .filter({ visible: true });
      await expect(days).toHaveCount(width < 640 ? 30 : width < 768 ? 60 : 90);
      for (const day of [days.first(), days.nth(6), days.last()]) {
        const label = (await day.getAttribute("aria-label"))!;
        await day.focus();
        await expect(tip).toHaveText(label);
        await expectInsideViewport(tip, viewport);
        // Escape puts it away (the day keeps the focus), as a tooltip must allow.
        await page.keyboard.press("Escape");
        await expect(tip).toBeHidden();
        await expect(day).toBeFocused();
        await day.hover();
        await expect(tip).toHaveText(label);
        await expectInsideViewport(tip, viewport);
      }
    }
  }
});

test.describe("for a viewer in another time zone", () => {
  test.use({ timezoneId: "Europe/Berlin" });

  test("the local-time switch sits beside the first times and says which zone is shown", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto("/");
    const shown = page.getByRole("status").filter({ hasText: /^Times in / });
    await expect(shown).toHaveText(/^Times in the page's zone \(([A-Z]{2,5}|GMT[+-]\d+)\)$/);
    // Before the first time on the page, and close to it: no more than a screen's half away.
    const firstTime = page.locator("main time").first();
    const [switchBox, timeBox] = [await shown.boundingBox(), await firstTime.boundingBox()];
    expect(timeBox!.y).toBeGreaterThan(switchBox!.y);
    expect(timeBox!.y - switchBox!.y).toBeLessThan(PHONE.height / 2);
    const pageTime = await firstTime.textContent();

    await page.getByRole("button", { name: /^Show your zone \(CES?T\)$/ }).click();
    await expect(shown).toHaveText(/^Times in your zone \(CES?T\)$/);
    await expect(firstTime).toHaveText(/ CES?T$/);
    await page.getByRole("button", { name: /^Show page's zone / }).click();
    await expect(firstTime).toHaveText(pageTime!);
    await expect(shown).toHaveText(/^Times in the page's zone/);
  });
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`screenshots of the uptime at 1280 and 375 px in ${colorScheme}, with a day's incidents open`, async ({ browser }) => {
    mkdirSync(SHOTS, { recursive: true });
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await browser.newContext({ viewport, colorScheme, timezoneId: "Europe/Berlin" });
      const page = await context.newPage();
      await page.goto("/");
      const bars = page.getByRole("list", { name: "API: uptime over the last 90 days" });
      await bars.locator('li[aria-label*="Elevated API latency"]').first().focus();
      await expect(page.locator(".uptime-day").filter({ visible: true })).toBeVisible();
      // At the desktop width, the strip with a day open (the whole page is scanned at that width in
      // both schemes by public-pages.spec.ts); at the phone's, the whole page.
      await expectNoAxeViolations(page, viewport === DESKTOP ? { include: ".uptime" } : {});
      await page.locator(".uptime", { has: bars }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `uptime-${viewport.width}-${colorScheme}.png`) });
      await page.getByRole("region", { name: "Past Incidents" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `past-${viewport.width}-${colorScheme}.png`) });
      await context.close();
    }
  });
}
