import { expect, test } from "@playwright/test";
import { publicText, signIn } from "./admin-support.ts";

test.describe.configure({ timeout: 180_000 });

const occurrences = (text: string, part: string) => text.split(part).length - 1;

test("a form submission sent twice (a retry after a lost answer) posts one update; the next submission is a new one", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("link", { name: "New incident" }).click();
  await page.getByLabel("Name").fill("Retried submissions");
  await page.getByLabel("Message").fill("Looking into it.");
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { name: "Retried submissions", level: 1 })).toBeVisible();
  const pathname = new URL(page.url()).pathname;
  const incidentId = pathname.split("/").pop()!;

  const form = page.getByRole("region", { name: "Post an update" });
  await expect(form.locator('input[name="idempotencyKey"]').first()).toHaveValue(/^[0-9a-f]{32}$/);
  const firstToken = await form.locator('input[name="idempotencyKey"]').first().inputValue();

  // The form's POST reaches the server twice, byte for byte, as a browser or proxy retry would.
  let sent = 0;
  await page.route(
    (url) => url.pathname === pathname,
    async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      await route.fetch();
      const again = await route.fetch();
      sent += 2;
      await route.fulfill({ response: again });
    },
  );
  await form.getByLabel("Status").selectOption("identified");
  await form.getByLabel("Message").fill("A retried update.");
  await form.getByRole("button", { name: "Post update" }).click();
  await expect(form.getByRole("status")).toHaveText("Update posted.");
  expect(sent).toBe(2);
  await page.unroute((url) => url.pathname === pathname);
  // The public page may still be the previous copy (served STALE while it re-renders): wait for the new one.
  const shown = () => publicText(page, `/incidents/${incidentId}`).then((text) => occurrences(text, "A retried update."));
  await expect.poll(shown).toBe(1);

  // After the answer the form has a fresh token: posting the same text again is a second update.
  await expect(form.locator('input[name="idempotencyKey"]').first()).toHaveValue(/^[0-9a-f]{32}$/);
  expect(await form.locator('input[name="idempotencyKey"]').first().inputValue()).not.toBe(firstToken);
  await form.getByLabel("Status").selectOption("identified");
  await form.getByLabel("Message").fill("A retried update.");
  await form.getByRole("button", { name: "Post update" }).click();
  await expect(form.getByRole("status")).toHaveText("Update posted.");
  await expect.poll(shown).toBe(2);
  // And it stays one per submission: nothing else arrives later.
  expect(await shown()).toBe(2);
});

test("every staff form that writes carries a one-submission token", async ({ page }) => {
  await signIn(page);
  const missing: string[] = [];
  let checked = 0;
  for (const path of [
    "/admin",
    "/admin/components",
    "/admin/incidents/new",
    "/admin/incidents/new/past",
    "/admin/maintenance",
    "/admin/templates",
    "/admin/staff",
    "/admin/subscribers",
    "/admin/settings",
  ]) {
    // The page itself, not a redirect (to sign-in, to a two-factor set-up) or an error page.
    // Tokens are set as the forms mount in the browser: read them once the page (whose load event
    // follows its streamed parts, which goto awaits) has hydrated.
    expect((await page.goto(path))?.status(), path).toBe(200);
    expect(new URL(page.url()).pathname).toBe(path);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const forms = await page.locator("form").evaluateAll((elements) =>
      (elements as HTMLFormElement[])
        // Server-action forms post; search and filter forms (GET) write nothing. Two kinds cannot
        // write twice without a token: edits carrying the version they started from (a retry is
        // refused as a conflict) and an account's access changes (each sets a state; a retried
        // password reset answers with the newest password).
        .filter((form) => form.method === "post" && !form.querySelector('input[name="version"], input[name="userId"]'))
        .map((form) => ({
          buttons: Array.from(form.querySelectorAll("button"), (button) => button.textContent?.trim()).join(" / "),
          token: (form.querySelector('input[name="idempotencyKey"]') as HTMLInputElement | null)?.value ?? null,
        })),
    );
    // Every page but the dashboard (its forms edit with a version) has forms to check.
    if (path !== "/admin") expect(forms.length, `forms that write on ${path}`).toBeGreaterThan(0);
    checked += forms.length;
    for (const form of forms) if (!/^[0-9a-f]{32}$/.test(form.token ?? "")) missing.push(`${path}: ${form.buttons}`);
  }
  expect(missing).toEqual([]);
  // The forms were there to check (37 on the demo page), not still on their way.
  expect(checked).toBeGreaterThanOrEqual(30);
});
