import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { REFERENCE_POSTMORTEM_MARKDOWN, REFERENCE_UPDATE_BODY } from "../lib/seed/reference-incident.ts";
import { expectNoAxeViolations, publicText, signIn, squash } from "./admin-support.ts";

// Staff enter the reference incident (tests/fixtures/reference) by hand, after the fact, as WorkOS did:
// the public page must then show every word of the published report, like the seeded copy.

const fixtures = path.resolve(import.meta.dirname, "../tests/fixtures/reference");
const referenceText = readFileSync(path.join(fixtures, "workos-authkit-2024-07-11.txt"), "utf8");
const reference = JSON.parse(readFileSync(path.join(fixtures, "workos-authkit-2024-07-11.json"), "utf8")) as {
  incident: { timeline: { at: string; kind: string; text: string }[] };
};

test.describe.configure({ timeout: 180_000 });

/** The app's database, which scripts/e2e.ts names; without it the comparison cannot be made, so the test fails. */
function e2eDatabaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url)
    throw new Error("E2E_DATABASE_URL is not set: run the browser tests with `npm run test:e2e` (scripts/e2e.ts sets it).");
  return url;
}

/** `2024-07-11T20:01:00Z` as the wall time staff type on a page in America/New_York (EDT in July). */
function newYorkWallTime(iso: string) {
  return new Date(new Date(iso).getTime() - 4 * 3_600_000).toISOString().slice(0, 16);
}

test("staff enter the reference incident after the fact and its public page matches the report", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "New incident" }).click();
  await page.getByRole("link", { name: "Record a past incident" }).click();
  await expect(page.getByRole("heading", { name: "Record a past incident", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  // A mistake first: the form says what is wrong and keeps what was typed.
  await page.getByLabel("Name").fill("Degraded Authkit Service");
  await page.getByLabel(/AuthKit$/).selectOption("partial_outage");
  await page.getByLabel("Impact started at").fill("2024-07-11T16:46");
  await page.getByLabel("Impact ended at").fill("2024-07-11T16:01");
  await page.getByLabel("Resolved update").fill(REFERENCE_UPDATE_BODY);
  await page.getByRole("button", { name: "Record incident" }).click();
  await expect(page.getByText("The impact must end after it started.")).toBeVisible();
  await expect(page.getByLabel("Resolved update")).toHaveValue(REFERENCE_UPDATE_BODY);
  await expect(page.getByLabel(/AuthKit$/)).toHaveValue("partial_outage");
  await expectNoAxeViolations(page);

  await page.getByLabel("Impact started at").fill("2024-07-11T16:01");
  await page.getByLabel("Impact ended at").fill("2024-07-11T16:46");
  await page.getByLabel("Update shown at").fill("2024-07-11T16:01");
  await page.getByRole("button", { name: "Record incident" }).click();
  await expect(page.getByRole("heading", { name: "Degraded Authkit Service", level: 1 })).toBeVisible();
  const incidentId = new URL(page.url()).pathname.split("/").pop()!;
  enteredId = incidentId;

  await page.getByRole("link", { name: "postmortem and timeline" }).click();
  await page.getByLabel("Postmortem (markdown)").fill(REFERENCE_POSTMORTEM_MARKDOWN);
  await page.getByLabel("Published at").fill("2024-07-19T11:57");
  for (const event of reference.incident.timeline) {
    const add = page.locator("form", { has: page.getByRole("button", { name: "Add event" }) });
    await add.getByLabel("When").fill(newYorkWallTime(event.at));
    await add.getByLabel("What").selectOption(event.kind);
    await add.getByLabel("Description").fill(event.text);
    await add.getByRole("button", { name: "Add event" }).click();
    await expect(page.getByText(event.text).first()).toBeVisible();
  }
  // Adding events must not have lost the postmortem typed above.
  await expect(page.getByLabel("Postmortem (markdown)")).toHaveValue(REFERENCE_POSTMORTEM_MARKDOWN);
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();

  const shown = await publicText(page, `/incidents/${incidentId}`);
  for (const line of referenceText.split("\n")) {
    const words = squash(line.replace(/^\s*•\s*/, ""));
    if (words) expect(shown, `missing: ${words}`).toContain(words);
  }
  expect(shown).toContain("Posted Jul 19, 2024 - 11:57 EDT");
  expect(shown).toContain("Resolved - On 2024-07-11, from 20:01 to 20:46 UTC");
  expect(shown).toContain("Posted Jul 11, 2024 - 16:01 EDT");
  expect(shown).toContain("This incident affected: AuthKit.");
  expect(shown.indexOf("Root Cause Analysis")).toBeLessThan(shown.indexOf("Resolved - On 2024-07-11"));
  for (const [label, value] of [
    ["Time to acknowledge", "27 m"],
    ["Time to mitigate", "32 m"],
    ["Impact duration", "46 m"],
    ["Time to permanent fix", "4 h 30 m"],
  ]) {
    // The labels are upper-cased by CSS.
    expect(shown.toLowerCase()).toContain(`${label} ${value}`.toLowerCase());
  }

  // Word for word what the seeded copy of the same report shows.
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  const { rows } = await client.query<{ id: string }>('SELECT id FROM "Incident" WHERE name = $1 AND id <> $2', [
    "Degraded Authkit Service",
    incidentId,
  ]);
  await client.end();
  expect(rows).toHaveLength(1);
  expect(shown).toBe(await publicText(page, `/incidents/${rows[0]!.id}`));

  // The real instants, not the update's, are the incident's start and resolution.
  const api = (await (await page.request.get("/api/v2/incidents.json")).json()) as {
    incidents: { id: string; impact: string; started_at: string; resolved_at: string; status: string }[];
  };
  const published = api.incidents.find((i) => i.id === incidentId);
  expect(published).toMatchObject({ status: "postmortem", impact: "major" });
  expect(new Date(published!.started_at).toISOString()).toBe("2024-07-11T20:01:00.000Z");
  expect(new Date(published!.resolved_at).toISOString()).toBe("2024-07-11T20:46:00.000Z");
});

let enteredId: string | undefined;

// The public-page tests find the seeded reference incident by its name: the copy goes again,
// through the admin's delete form, even when the test above failed half way.
test.afterEach(async ({ page }) => {
  if (!enteredId) return;
  await page.goto(`/admin/incidents/${enteredId}`);
  const disclosure = page.locator("summary", { hasText: "Delete incident" });
  if (await disclosure.count()) {
    await disclosure.click();
    await page.getByLabel("Yes, delete this incident").check();
    await page.getByRole("button", { name: "Delete incident" }).click();
    await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  }
  const gone = `/incidents/${enteredId}`;
  // Public pages follow once the deletion's notification reaches the server.
  await expect.poll(async () => (await page.request.get(gone)).status()).toBe(404);
  enteredId = undefined;
});
