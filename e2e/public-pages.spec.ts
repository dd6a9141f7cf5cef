import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const referenceText = readFileSync(
  path.resolve(import.meta.dirname, "../tests/fixtures/reference/workos-authkit-2024-07-11.txt"),
  "utf8",
);

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

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
