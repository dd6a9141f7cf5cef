import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./admin-support.ts";

test.describe.configure({ timeout: 180_000 });

test("an admin imports emails, sees the counts, adds a team channel and removes a subscriber", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Subscribers" }).click();
  await expect(page.getByRole("heading", { name: "Subscribers", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  // Other specs on this server may have subscribed addresses already: count from what is there.
  const activeCell = page.getByTestId("count-email-active");
  const activeBefore = (await activeCell.count()) ? Number(await activeCell.textContent()) : 0;
  const importCard = page.getByRole("region", { name: "Import email subscribers" });
  await importCard.getByLabel("CSV file of email addresses").setInputFiles({
    name: "subscribers.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("email\nada@example.com\nBob@Example.com\nnot-an-address\nada@example.com\n"),
  });
  await importCard.getByRole("button", { name: "Import" }).click();
  await expect(importCard.getByRole("status")).toHaveText(
    "Added 2. Skipped 1 already subscribed or repeated. 1 invalid (such as “not-an-address”).",
  );
  await expect(activeCell).toHaveText(String(activeBefore + 2));

  // Search by address.
  await page.getByLabel("Search by address or URL").fill("BOB@");
  await page.getByRole("button", { name: "Search" }).click();
  const list = page.getByRole("list", { name: "Subscribers" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list).toContainText("bob@example.com");

  // Removing asks for confirmation first.
  const bob = list.getByRole("listitem").filter({ hasText: "bob@example.com" });
  await bob.getByRole("button", { name: "Remove" }).click();
  await expect(bob.getByRole("alert")).toHaveText("Confirm the removal first.");
  await bob.getByLabel(/Yes, remove/).check();
  await bob.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("No subscriber matches.")).toBeVisible();
  await expect(activeCell).toHaveText(String(activeBefore + 1));

  const team = page.getByRole("region", { name: "Team channels" });
  await team.getByLabel("Send to").selectOption("webhook");
  await team.getByLabel("Name").fill("On-call bot");
  await team.getByLabel("Webhook URL").fill("https://127.0.0.1/hook");
  await team.getByRole("button", { name: "Add team channel" }).click();
  await expect(team.getByText("That address cannot receive webhooks.")).toBeVisible();
  await team.getByLabel("Webhook URL").fill("https://hooks.example.com/upstate");
  await team.getByRole("button", { name: "Add team channel" }).click();
  await expect(team.getByText(/^Team channel added\. Its signing secret, shown only now: whsec_/)).toBeVisible();
  const channel = team.getByRole("list", { name: "Team channels" }).getByRole("listitem").filter({ hasText: "On-call bot" });
  await expect(channel).toContainText("https://hooks.example.com/upstate");
  await channel.getByRole("button", { name: "Send a test message" }).click();
  await expect(channel.getByText("Test message queued: it arrives within a few seconds.")).toBeVisible();
  await expectNoAxeViolations(page);

  const exported = await page.request.get("/admin/subscribers/export");
  expect(exported.status()).toBe(200);
  const csv = await exported.text();
  expect(csv).toContain("ada@example.com");
  expect(csv).not.toContain("bob@example.com");
  expect(csv).not.toContain("hooks.example.com");
});

test("the Notify subscribers box is ticked on the post-update form, and unticking it stores deliver_notifications false", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("link", { name: "New incident" }).click();
  await expect(page.getByLabel("Notify subscribers")).toBeChecked();
  await page.getByLabel("Name").fill("Quiet fix");
  await page.getByLabel("Message").fill("Looking into slow pages.");
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { name: "Quiet fix", level: 1 })).toBeVisible();
  const incidentId = new URL(page.url()).pathname.split("/").pop() ?? "";

  const form = page.getByRole("region", { name: "Post an update" });
  const notify = form.getByLabel("Notify subscribers");
  await expect(notify).toBeChecked();
  await notify.uncheck();
  await form.getByLabel("Status").selectOption("identified");
  await form.getByLabel("Message").fill("A cache node was slow; replaced quietly.");
  await form.getByRole("button", { name: "Post update" }).click();
  await expect(form.getByRole("status")).toHaveText("Update posted.");
  // The form is ready for the next update, ticked again.
  await expect(form.getByLabel("Notify subscribers")).toBeChecked();
  await expect(page.getByText("Posted without notifying subscribers.")).toBeVisible();

  const response = await page.request.get("/api/v2/incidents.json");
  const body = (await response.json()) as {
    incidents: { id: string; incident_updates: { body: string; deliver_notifications: boolean }[] }[];
  };
  const updates = body.incidents.find((incident) => incident.id === incidentId)?.incident_updates ?? [];
  expect(updates.find((u) => u.body === "A cache node was slow; replaced quietly.")?.deliver_notifications).toBe(false);
  expect(updates.find((u) => u.body === "Looking into slow pages.")?.deliver_notifications).toBe(true);
});
