import { expect, test } from "@playwright/test";
import { ADMIN, expectNoAxeViolations, publicText, signIn, signInThroughForm } from "./admin-support.ts";

// The staff story is long, and axe scans take seconds each on a busy two-core machine.
test.describe.configure({ timeout: 180_000 });

test("the admin is guarded: signed out goes to sign-in, a wrong password is refused without saying why", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await expectNoAxeViolations(page);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The email or password is not right.");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The email or password is not right.");
});

test("staff open an incident on AuthKit, take it to resolved, and the public page shows each step", async ({ page }) => {
  await signInThroughForm(page);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "New incident" }).click();
  await expect(page.getByRole("heading", { name: "New incident" })).toBeVisible();

  // A validation error keeps what was typed and says which field is wrong.
  await page.getByLabel("Message").fill("We are investigating failed sign-ins on AuthKit.");
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByText("Give the incident a name.")).toBeVisible();
  await expect(page.getByLabel("Message")).toHaveValue("We are investigating failed sign-ins on AuthKit.");
  await expect(page.getByLabel("Name")).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel("Name").fill("AuthKit sign-in failures");
  // The picker lists only the components added; each starts at "Partial outage".
  await page.getByLabel("Add a component or group").fill("authk");
  await page.getByRole("button", { name: "+ Authentication › AuthKit" }).click();
  await expect(page.getByLabel(/AuthKit \(now/)).toHaveValue("partial_outage");
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { name: "AuthKit sign-in failures", level: 1 })).toBeVisible();
  const incidentUrl = new URL(page.url());
  const incidentId = incidentUrl.pathname.split("/").pop()!;
  await expectNoAxeViolations(page);

  let shown = await publicText(page, `/incidents/${incidentId}`);
  expect(shown).toContain("Investigating - We are investigating failed sign-ins on AuthKit.");
  expect(await publicText(page, "/")).toContain("AuthKit sign-in failures");

  for (const [status, message] of [
    ["identified", "A bad deploy broke token refresh; rolling back."],
    ["monitoring", "The rollback is out; sign-ins succeed again."],
  ] as const) {
    const form = page.getByRole("region", { name: "Post an update" });
    await form.getByLabel("Status").selectOption(status);
    await form.getByLabel("Message").fill(message);
    await form.getByRole("button", { name: "Post update" }).click();
    await expect(form.getByRole("status")).toHaveText("Update posted.");
    await expect(form.getByLabel("Message")).toHaveValue("");
    shown = await publicText(page, `/incidents/${incidentId}`);
    expect(shown).toContain(`${status[0]!.toUpperCase()}${status.slice(1)} - ${message}`);
  }

  const resolve = page.getByRole("region", { name: "Resolve" });
  await resolve.getByLabel("Resolution message").fill("Sign-ins have been working normally for an hour.");
  await resolve.getByRole("button", { name: "Resolve incident" }).click();
  await expect(page.getByRole("region", { name: "Reopen" })).toBeVisible();
  shown = await publicText(page, `/incidents/${incidentId}`);
  expect(shown).toContain("Resolved - Sign-ins have been working normally for an hour.");
  expect(shown).toContain("This incident affected: AuthKit.");
  await expectNoAxeViolations(page);
});

test("staff write a postmortem with a live preview and a timeline, then publish it", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "New incident" }).click();
  await page.getByLabel("Name").fill("Dashboard outage for the postmortem");
  await page.getByLabel("Message").fill("The dashboard does not load.");
  await page.getByText("More options: impact, start time").click();
  await page.getByLabel("Started at").fill("2024-07-11T16:01");
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard outage for the postmortem", level: 1 })).toBeVisible();
  const incidentId = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByRole("link", { name: "postmortem and timeline" }).click();
  await expect(page.getByRole("heading", { name: "Postmortem and timeline" })).toBeVisible();

  await page.getByLabel("Postmortem (markdown)").fill("## Root Cause\n\nA **bad** deploy of the dashboard.");
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { name: "Root Cause" })).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("bad");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  expect(await publicText(page, `/incidents/${incidentId}`)).not.toContain("A bad deploy of the dashboard.");

  for (const [at, kind, text] of [
    ["2024-07-11T16:33", "mitigated", "Rolled back."],
    ["2024-07-11T16:01", "started", "Dashboard requests start failing."],
    ["2024-07-11T16:28", "acknowledged", "On-call acknowledges."],
  ] as const) {
    const add = page.locator("form", { has: page.getByRole("button", { name: "Add event" }) });
    await add.getByLabel("When").fill(at);
    await add.getByLabel("What").selectOption(kind);
    await add.getByLabel("Description").fill(text);
    await add.getByRole("button", { name: "Add event" }).click();
    await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
  }
  const durations = page.getByRole("region", { name: "Timeline at a glance" });
  await expect(
    durations.locator("div", { has: page.getByText("Time to acknowledge", { exact: true }) }).locator("dd"),
  ).toHaveText("27 m");
  await expect(durations.locator("div", { has: page.getByText("Time to mitigate", { exact: true }) }).locator("dd")).toHaveText(
    "32 m",
  );
  await expectNoAxeViolations(page);

  // The structured timeline goes into the text's Timeline section, in the page's zone with UTC
  // beside it (just `(UTC)` on a page in UTC).
  await page.getByRole("button", { name: "Insert the timeline" }).click();
  await expect(page.getByLabel("Postmortem (markdown)")).toHaveValue(
    /## Timeline\n\n- 2024-07-11 16:01 (\(UTC\)|[A-Z]+ \(\d\d:\d\d UTC\)): Dashboard requests start failing\.\n- 2024-07-11 16:28 /,
  );

  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();
  const shown = await publicText(page, `/incidents/${incidentId}`);
  expect(shown).toContain("A bad deploy of the dashboard.");
  expect(shown).toContain("Dashboard requests start failing.");
  expect(shown).toMatch(/Time to acknowledge\s*27 m/i);
  expect(shown).toMatch(/2024-07-11 16:33 (\(UTC\)|[A-Z]+ \(\d\d:\d\d UTC\)): Rolled back\./);
  // Durations the timeline does not record (no "Resolved" or "Fixed" event) are not shown to customers.
  expect(shown).not.toMatch(/not recorded|Impact duration|Time to permanent fix/i);
});
