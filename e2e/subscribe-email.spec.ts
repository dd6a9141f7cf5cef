import { expect, test } from "@playwright/test";
import pg from "pg";
import { type MailServer, startMailServer } from "../tests/support/mail-server.ts";
import { signIn } from "./admin-support.ts";

// A visitor subscribes by email on the public page, confirms from the mail, hears about an
// update staff post, and one-click unsubscribes (RFC 8058), after which nothing more arrives.

test.describe.configure({ timeout: 180_000 });

let mail: MailServer;
test.beforeAll(async () => {
  const port = Number(process.env.E2E_SMTP_PORT);
  if (!port) throw new Error("E2E_SMTP_PORT is not set: run the browser tests with npm run test:e2e");
  mail = await startMailServer(port);
});
test.afterAll(() => mail?.close());

/** What the database says of the address's subscriber and of the mail queue, for a failure's message. */
async function mailQueueReport(address: string): Promise<string> {
  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    const subscriber = await db.query(
      `SELECT id, state, "confirmationSentAt" FROM "Subscriber" WHERE channel = 'email' AND target = $1`,
      [address],
    );
    const jobs = await db.query(
      `SELECT state, count(*)::int AS n, min(created_on) AS oldest, max(retry_count) AS retries, min(start_after) AS next_start
       FROM pgboss.job WHERE name = 'notify-email' GROUP BY state`,
    );
    const mine = await db.query(
      `SELECT state, retry_count, created_on, started_on, start_after, output FROM pgboss.job
       WHERE name = 'notify-email' AND data->>'subscriberId' = $1`,
      [subscriber.rows[0]?.id ?? ""],
    );
    return JSON.stringify(
      { subscriber: subscriber.rows, queue: jobs.rows, confirmationJob: mine.rows, now: new Date() },
      null,
      1,
    );
  } finally {
    await db.end();
  }
}

const linkIn = (text: string, path: string) => {
  const found = new RegExp(`https?://[^\\s]+${path}\\?token=[A-Za-z0-9_%-]+`).exec(text);
  if (!found) throw new Error(`no ${path} link in: ${text}`);
  return found[0];
};

test("a visitor subscribes by email, confirms, receives an update and unsubscribes with one click", async ({ page, request }) => {
  const address = `visitor-${Date.now()}@example.org`;
  const toVisitor = () => mail.mails.filter((m) => JSON.stringify(m.to).includes(address));

  await page.goto("/");
  await page.getByText("Subscribe to updates").click();
  await page.getByRole("link", { name: "Email, chat or webhook" }).click();
  await expect(page.getByRole("heading", { name: /Subscribe to .* status updates/ })).toBeVisible();
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: "Subscribe by email" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check" })).toContainText(`Check ${address}`);

  await mail
    .waitFor(() => toVisitor().length === 1, 60_000)
    .catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await mailQueueReport(address)}`);
    });
  const confirmation = toVisitor()[0];
  expect(confirmation?.subject).toMatch(/Confirm your subscription/);
  await page.goto(linkIn(confirmation?.text ?? "", "/subscriptions/confirm"));
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("status").filter({ hasText: "subscribed" })).toContainText("You are subscribed");

  const name = `Email test ${Date.now()}`;
  await signIn(page);
  await page.getByRole("link", { name: "New incident" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Message").fill("We are looking into **slow sign-ins**.");
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const incidentId = new URL(page.url()).pathname.split("/").pop() ?? "";

  await mail.waitFor(() => toVisitor().some((m) => m.subject?.includes(name)), 60_000);
  const update = toVisitor().find((m) => m.subject?.includes(name));
  expect(update?.html).toContain("<strong>slow sign-ins</strong>");
  const unsubscribeUrl = linkIn(update?.text ?? "", "/subscriptions/unsubscribe");
  const oneClick = await request.post(unsubscribeUrl, { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(200);

  const form = page.getByRole("region", { name: "Post an update" });
  await form.getByLabel("Status").selectOption("identified");
  await form.getByLabel("Message").fill("Found it.");
  await form.getByRole("button", { name: "Post update" }).click();
  await expect(form.getByRole("status")).toHaveText("Update posted.");
  // Wait until the queue has worked out who hears about this update, then check nobody mailed us.
  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    await expect
      .poll(
        async () =>
          (
            await db.query(
              `SELECT count(*)::int AS n FROM "Notification" n JOIN "IncidentUpdate" u ON u.id = n."updateId"
               WHERE u."incidentId" = $1 AND n."fannedOutAt" IS NOT NULL`,
              [incidentId],
            )
          ).rows[0].n,
        { timeout: 60_000 },
      )
      .toBe(2);
  } finally {
    await db.end();
  }
  expect(toVisitor().filter((m) => m.subject?.includes(name))).toHaveLength(1);
  // Other files on this server expect the demo page's open incidents only.
  const resolve = page.getByRole("region", { name: "Resolve" });
  await resolve.getByLabel("Resolution message").fill("Resolved.");
  await resolve.getByRole("button", { name: "Resolve incident" }).click();
  await expect(page.getByRole("region", { name: "Reopen" })).toBeVisible();
});
