import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./admin-support.ts";

const referenceText = readFileSync(
  path.resolve(import.meta.dirname, "../tests/fixtures/reference/workos-authkit-2024-07-11.txt"),
  "utf8",
);

async function openReferenceIncident(page: Page) {
  await page.goto("/history");
  await page.getByRole("link", { name: "Degraded Authkit Service" }).click();
  await expect(page).toHaveURL(/\/incidents\/[a-z0-9]+$/);
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

test("the status page shows the overall status, components and past incidents", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("WorkOS status");
  await expect(page.getByRole("region", { name: "Current status" })).toContainText("Partially Degraded Service");
  for (const name of ["AuthKit", "SSO", "API", "Dashboard", "Webhooks"]) {
    await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Past Incidents" })).toBeVisible();
  await expect(page.getByText("No incidents reported.").first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the reference incident's page shows every word of the published report", async ({ page }) => {
  await openReferenceIncident(page);
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
  const shown = squash(await page.locator("main").innerText());
  for (const line of referenceText.split("\n")) {
    const words = squash(line.replace(/^\s*•\s*/, ""));
    if (words) expect(shown, `missing: ${words}`).toContain(words);
  }
  await expect(page.getByText("Posted Jul 19, 2024 - 11:57 EDT")).toBeVisible();
  await expect(page.getByText("Posted Jul 11, 2024 - 16:01 EDT")).toBeVisible();
  expect(shown).toContain("Resolved - On 2024-07-11, from 20:01 to 20:46 UTC");
  expect(shown).toContain("This incident affected: AuthKit.");
  // The postmortem comes before the update.
  expect(shown.indexOf("Root Cause Analysis")).toBeLessThan(shown.indexOf("Resolved - On 2024-07-11"));
  await expectNoAxeViolations(page);
});

test("the reference incident's timeline gives its response times", async ({ page }) => {
  await openReferenceIncident(page);
  const times = page.getByRole("region", { name: "Timeline at a glance" });
  for (const [label, value] of [
    ["Time to acknowledge", "27 m"],
    ["Time to mitigate", "32 m"],
    ["Impact duration", "46 m"],
    ["Time to permanent fix", "4 h 30 m"],
  ] as const) {
    await expect(times.locator("div", { has: page.getByText(label, { exact: true }) }).locator("dd")).toHaveText(value);
  }
});

test("an unknown incident is a 404 page, not an error", async ({ page }) => {
  const response = await page.goto("/incidents/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test.describe("for a viewer in another time zone", () => {
  test.use({ timezoneId: "Europe/Berlin" });

  test("times switch between the page's zone and the viewer's, and the choice is remembered", async ({ page }) => {
    await openReferenceIncident(page);
    await expect(page.getByText("Posted Jul 19, 2024 - 11:57 EDT")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Times in the page's zone" })).toHaveText(/\((EST|EDT)\)$/);
    await page.getByRole("button", { name: /^Show your zone \(CES?T\)$/ }).click();
    await expect(page.getByText("Posted Jul 19, 2024 - 17:57 CEST")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Times in your zone" })).toHaveText(/^Times in your zone \(CES?T\)$/);
    await page.reload();
    await expect(page.getByText("Posted Jul 11, 2024 - 22:01 CEST")).toBeVisible();
    await page.getByRole("button", { name: /^Show page's zone \(E[SD]T\)$/ }).click();
    await expect(page.getByText("Posted Jul 11, 2024 - 16:01 EDT")).toBeVisible();
  });
});

test("the status page works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Current status" })).toBeVisible();
  // Groups fold with <details>, no script needed.
  const group = page.locator("details", { hasText: "Authentication" });
  await expect(group.getByText("AuthKit", { exact: true })).toBeVisible();
  await group.locator("summary").click();
  await expect(group.getByText("AuthKit", { exact: true })).toBeHidden();
  await page
    .getByRole("link", { name: /Incident history/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Incident history" })).toBeVisible();
  await context.close();
});

test("uptime bars tell each day's story on hover and keyboard focus", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/");
  const bars = page.getByRole("list", { name: "Dashboard: uptime over the last 90 days" });
  await expect(bars.locator("li")).toHaveCount(90);
  const today = bars.locator("li").last();
  await today.focus();
  await expect(today).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(bars.locator("li").nth(88)).toBeFocused();
  // The focused day's details show as a tooltip, from the bar's label.
  await expect(page.locator(".uptime-tip")).toHaveText((await bars.locator("li").nth(88).getAttribute("aria-label"))!);
  await expect(page.locator(".uptime-tip")).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}: /);
  await page.keyboard.press("Home");
  await expect(bars.locator("li").first()).toBeFocused();
  // The seeded 24-minute dashboard outage is on its day's bar.
  expect(await bars.locator('li[aria-label*="min major outage"][aria-label*="Dashboard unavailable"]').count()).toBeGreaterThan(
    0,
  );
  await expect(page.getByText("uptime").first()).toBeVisible();
});

test("history filters by component and pages, and bad parameters are ignored", async ({ page }) => {
  await page.goto("/history");
  await expectNoAxeViolations(page);
  await page.getByLabel("Component").selectOption({ label: "AuthKit" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/component=/);
  await expect(page.getByRole("link", { name: "Degraded Authkit Service" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Dashboard unavailable" })).toHaveCount(0);
  for (const url of ["/history?page=abc", "/history?page=-4&component=%3Cscript%3E", "/?foo=bar", "/history?page=99999"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
  }
  expect((await page.goto("/incidents/cm000000000000000000000000"))?.status()).toBe(404);
});

test("maintenance has its own page with its window and status words", async ({ page }) => {
  await page.goto("/history");
  await page.getByRole("link", { name: "Database upgrade", exact: true }).click();
  await expect(page.getByText("Scheduled Maintenance Report for WorkOS")).toBeVisible();
  await expect(page.getByText(/^Scheduled for .* to .*/)).toBeVisible();
  for (const word of ["Completed", "In progress", "Scheduled"]) {
    await expect(page.locator("strong", { hasText: new RegExp(`^${word}$`) })).toBeVisible();
  }
  await expectNoAxeViolations(page);
});

test.describe("in dark mode", () => {
  test.use({ colorScheme: "dark" });

  test("the public pages have no accessibility violations", async ({ page }) => {
    for (const path of ["/", "/history"]) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    await openReferenceIncident(page);
    await expectNoAxeViolations(page);
  });
});

test("pages fit a 320 px wide screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  for (const path of ["/", "/history"]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
  }
  await openReferenceIncident(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
