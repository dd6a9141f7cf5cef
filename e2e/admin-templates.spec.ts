import { expect, test } from "@playwright/test";
import { ADMIN, expectNoAxeViolations, signIn } from "./admin-support.ts";
import { withDb } from "./security-support.ts";

// Templates have a kind: incident update templates prefill the incident forms, postmortem
// templates the postmortem editor (which starts from the first of them). On the seeded demo page,
// whose templates are "Investigating" (an update's) and "Postmortem" (Summary, Root cause, Actions,
// Timeline). The test removes the template it adds.

test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
test.describe.configure({ timeout: 180_000 });

const SHOTS = process.env.E2E_SCREENSHOTS;

test("a postmortem template is chosen in Templates, offered only by the postmortem editor, which starts from the first", async ({
  page,
}) => {
  await signIn(page, ADMIN, "/admin/templates");
  const updates = page.getByRole("region", { name: "Incident update templates" });
  const postmortems = page.getByRole("region", { name: "Postmortem templates" });
  await expect(updates.getByRole("heading", { name: "Investigating" })).toBeVisible();
  const seeded = postmortems.getByRole("region", { name: "Postmortem" });
  await expect(seeded.getByLabel("For")).toHaveValue("postmortem");
  await expect(seeded.getByLabel("Postmortem (markdown)")).toHaveValue(
    /^## Summary[\s\S]*## Root cause[\s\S]*## Actions[\s\S]*## Timeline/,
  );
  // A postmortem's template has no incident name or status to set.
  await expect(seeded.getByLabel("Incident name (optional)")).toHaveCount(0);
  await expect(seeded.getByLabel("Status (optional)")).toHaveCount(0);

  // Add a second postmortem template: choosing its kind puts the incident's fields away.
  const add = page.getByRole("region", { name: "Add a template" });
  await expect(add.getByLabel("Incident name (optional)")).toBeVisible();
  await add.getByLabel("For").selectOption("postmortem");
  await expect(add.getByLabel("Incident name (optional)")).toHaveCount(0);
  await add.getByLabel("Template name").fill("Short postmortem");
  await add.getByLabel("Postmortem (markdown)").fill("## What broke\n\n## What we changed");
  await add.getByRole("button", { name: "Add template" }).click();
  await expect(postmortems.getByRole("heading", { name: "Short postmortem" })).toBeVisible();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await test.step(`axe in ${colorScheme}`, () => expectNoAxeViolations(page));
    for (const [label, width] of [
      ["desktop", 1280],
      ["phone", 375],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${label} ${colorScheme} scrolls sideways`).toBeLessThanOrEqual(0);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/admin-templates-${label}-${colorScheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The incident forms offer update templates only.
  await page.goto("/admin/incidents/new");
  const offered = await page.getByLabel("Start from a template").locator("option").allTextContents();
  // (Specs before this one on the same server may have added update templates of their own.)
  expect(offered.slice(0, 1)).toEqual(["No template"]);
  expect(offered).toContain("Investigating");
  expect(offered).not.toContain("Postmortem");
  expect(offered).not.toContain("Short postmortem");

  // The postmortem editor of an incident without a postmortem: the first postmortem template by
  // name is chosen and its text is there; the others are offered, and typing is never replaced
  // without asking.
  const incidentId = await withDb(async (db) => {
    const incident = await db.incident.findFirstOrThrow({
      where: { kind: "incident", status: "resolved", postmortem: null },
      orderBy: { startedAt: "desc" },
    });
    return incident.id;
  });
  await page.goto(`/admin/incidents/${incidentId}/postmortem`);
  const picker = page.getByLabel("Start from a template");
  const body = page.getByLabel("Postmortem (markdown)");
  expect(await picker.locator("option").allTextContents()).toEqual(["No template", "Postmortem", "Short postmortem"]);
  await expect(picker.locator("option:checked")).toHaveText("Postmortem");
  await expect(body).toHaveValue(/^## Summary[\s\S]*## Timeline/);
  let asked = false;
  page.on("dialog", (dialog) => {
    asked = true;
    void dialog.dismiss();
  });
  await picker.selectOption({ label: "Short postmortem" });
  await expect(body).toHaveValue("## What broke\n\n## What we changed");
  await expect(page.getByRole("region", { name: "Preview" }).getByRole("heading", { name: "What broke" })).toBeVisible();
  expect(asked).toBe(false);
  await body.fill("My own words.");
  await picker.selectOption({ label: "Postmortem" });
  expect(asked).toBe(true);
  await expect(body).toHaveValue("My own words.");
  await expect(picker.locator("option:checked")).toHaveText("Short postmortem");
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [label, width] of [
      ["desktop", 1280],
      ["phone", 375],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      if (SHOTS)
        await page.screenshot({ path: `${SHOTS}/admin-postmortem-templates-${label}-${colorScheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Put the demo page back, leaving the postmortem unsaved (the page asks first).
  page.removeAllListeners("dialog");
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto("/admin/templates");
  const added = postmortems.getByRole("region", { name: "Short postmortem" });
  await added.getByRole("button", { name: "Delete template" }).click();
  await expect(postmortems.getByRole("heading", { name: "Short postmortem" })).toHaveCount(0);
});
