import { expect, type Page, test } from "@playwright/test";
import { parseWallTime, toWallTime } from "../lib/time/wall-time.ts";
import { ADMIN, publicText, signIn } from "./admin-support.ts";

// Staff take maintenance windows through every stage by hand (automatic flags off) and the public
// page follows. The demo page's time zone is America/New_York. Each test has a component of its
// own: a window started at a back-dated instant does not override a later status change (see
// lib/components/record-status-change.ts), such as another test's completion a moment ago.

test.describe.configure({ timeout: 180_000 });

const ZONE = "America/New_York";

/** Schedules a window that started a minute ago, automatic flags off, and opens its admin page. */
async function scheduleStartedWindow(page: Page, name: string, component: string) {
  await page.goto("/admin/maintenance");
  const form = page.getByRole("region", { name: "Schedule maintenance" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Message").fill("We replace the SSO load balancer.");
  await form.getByLabel("Starts").fill(toWallTime(new Date(Date.now() - 60_000), ZONE));
  await form.getByLabel("Ends").fill(toWallTime(new Date(Date.now() + 3_600_000), ZONE));
  await form.getByLabel(component, { exact: true }).check();
  await form.getByLabel("Start automatically at the start time").uncheck();
  await form.getByLabel("Complete automatically at the end time").uncheck();
  await form.getByRole("button", { name: "Schedule maintenance" }).click();
  await expect(form.getByRole("status")).toHaveText("Maintenance scheduled.");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  return page.url();
}

async function postUpdate(page: Page, status: string, message: string) {
  const form = page.getByRole("region", { name: "Post an update" });
  await form.getByLabel("Status").selectOption({ label: status });
  await form.getByLabel("Message").fill(message);
  await form.getByRole("button", { name: "Post update" }).click();
  await expect(form.getByRole("alert")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Updates" })).toContainText(message);
}

test("staff take a window through in progress, a rename, verifying and completed, and the public page follows", async ({
  page,
}) => {
  await signIn(page);
  const name = `Load balancer swap ${Date.now()}`;
  const adminUrl = await scheduleStartedWindow(page, name, "SSO");
  const id = new URL(adminUrl).pathname.split("/").pop()!;
  // Automatic start is off: the window waits for staff although its start has passed.
  await expect(page.locator("main")).toContainText("Scheduled");
  let home = await publicText(page, "/");
  expect(home).toContain(name);
  expect(home).toMatch(/SSO\s?SAML and OpenID Connect single sign-on\.\s?Operational/);

  await postUpdate(page, "In progress", "The swap has begun.");
  await expect(page.locator("h1 + p")).toContainText("In progress");
  await expect(page.locator("h1 + p")).toContainText("SSO (Under Maintenance)");
  home = await publicText(page, "/");
  expect(home).toContain(name);
  expect(home).toContain("The swap has begun.");
  expect(home).toMatch(/SSO\s?SAML and OpenID Connect single sign-on\.\s?Under Maintenance/);

  // An update's text is edited with the incident update editor.
  const announcement = page.getByRole("listitem").filter({ hasText: "We replace the SSO load balancer." });
  await announcement.getByText("Edit this update").click();
  await announcement.getByLabel("Text").fill("We replace the SSO load balancer, carefully.");
  await announcement.getByRole("button", { name: "Save update" }).click();
  await expect(page.getByText("We replace the SSO load balancer, carefully.").first()).toBeVisible();

  const renamed = `${name} (renamed)`;
  const edit = page.getByRole("region", { name: "Edit maintenance" });
  await edit.getByLabel("Name").fill(renamed);
  await edit.getByRole("button", { name: "Save maintenance" }).click();
  await expect(page.getByRole("heading", { name: renamed, level: 1 })).toBeVisible();

  await postUpdate(page, "Verifying", "Checking the new balancer.");
  await postUpdate(page, "Completed", "The swap is done.");
  await expect(page.locator("h1 + p")).toContainText("Completed");
  await expect(page.getByRole("region", { name: "Edit maintenance" })).toHaveCount(0);

  home = await publicText(page, "/");
  // Over: listed among the day's past incidents, no longer in the ongoing section above the components.
  expect(home.split("Components")[0]).not.toContain(renamed);
  expect(home).toContain("Completed - The swap is done.");
  expect(home).toMatch(/SSO\s?SAML and OpenID Connect single sign-on\.\s?Operational/);
  const detail = await publicText(page, `/incidents/${id}`);
  expect(detail).toContain(renamed);
  expect(detail).toContain("The swap is done.");
  expect(detail).toContain("Completed");
  expect(detail).toContain("carefully.");
});

test("a window cancelled after it started is kept, marked cancelled, and its component returns to operational", async ({
  page,
}) => {
  await signIn(page);
  const name = `Directory resync ${Date.now()}`;
  const adminUrl = await scheduleStartedWindow(page, name, "Directory Sync");
  const id = new URL(adminUrl).pathname.split("/").pop()!;
  await postUpdate(page, "In progress", "Resync running.");
  expect(await publicText(page, "/")).toMatch(/Directory Sync\s?SCIM and directory provider sync\.\s?Under Maintenance/);

  await page.locator("summary", { hasText: "Cancel maintenance" }).click();
  await page.getByLabel("Final update").fill("The provider postponed the resync.");
  await page.getByRole("button", { name: "Cancel maintenance" }).click();
  await expect(page.locator("h1 + p")).toContainText("Cancelled");
  await expect(page.getByRole("paragraph").filter({ hasText: "The provider postponed the resync." })).toBeVisible();

  const home = await publicText(page, "/");
  expect(home.split("Components")[0]).not.toContain(name);
  // Statuspage's statuses end it as completed; the public reads that it was cancelled.
  expect(home).toContain("Cancelled - The provider postponed the resync.");
  expect(home).toMatch(/Directory Sync\s?SCIM and directory provider sync\.\s?Operational/);
  expect(await publicText(page, `/incidents/${id}`)).toContain("Cancelled - The provider postponed the resync.");
  expect(await publicText(page, "/history")).toMatch(new RegExp(`${name}\\s*Cancelled ·`));
  await page.goto("/admin/maintenance");
  await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText("Cancelled");

  // Deleting is separate, and asks for confirmation.
  await page.getByRole("link", { name, exact: true }).click();
  await page.locator("summary", { hasText: "Delete maintenance" }).click();
  await page.getByRole("button", { name: "Delete maintenance" }).click();
  await expect(page.getByText("Tick this box to confirm.")).toBeVisible();
  await page.getByLabel("Yes, delete this maintenance").check();
  await page.getByRole("button", { name: "Delete maintenance" }).click();
  await expect(page.getByRole("heading", { name: "Scheduled maintenance", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});

test("a new window starts at the next full hour for an hour, and the duration buttons set its end", async ({ page }) => {
  await signIn(page, ADMIN, "/admin/maintenance");
  const form = page.getByRole("region", { name: "Schedule maintenance" });
  const starts = await form.getByLabel("Starts").inputValue();
  expect(starts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00$/);
  // Counted on the real timeline in the page's zone (a daylight-saving change inside included).
  const after = (hours: number) => toWallTime(new Date(parseWallTime(starts, ZONE)!.getTime() + hours * 3_600_000), ZONE);
  await expect(form.getByLabel("Ends")).toHaveValue(after(1));
  await form.getByRole("button", { name: "4 h" }).click();
  await expect(form.getByLabel("Ends")).toHaveValue(after(4));
  await form.getByLabel("Starts").fill("2024-07-11T16:00");
  await form.getByRole("button", { name: "30 min" }).click();
  await expect(form.getByLabel("Ends")).toHaveValue("2024-07-11T16:30");
});
