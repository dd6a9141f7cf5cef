import { expect, test } from "@playwright/test";
import { authenticateApiRequest } from "../lib/api-keys/authenticate-api-request.ts";
import { makeStaff } from "../tests/support/factories.ts";
import { ADMIN, expectNoAxeViolations, signIn } from "./admin-support.ts";
import { withDb } from "./security-support.ts";

test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
test.describe.configure({ mode: "serial", timeout: 180_000 });

const stamp = Date.now().toString(36);
const keyName = `Deploy bot ${stamp}`;
const editor = { email: `keys-editor-${stamp}@example.com`, password: "keys-editor-password" };
const bearer = (secret: string) => new Headers({ authorization: `Bearer ${secret}` });
const countKeysNamed = (name: string) => withDb((db) => db.apiKey.count({ where: { name } }));

test("an admin creates a key, sees its secret exactly once, and revokes it", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByTestId("page-id")).toHaveText(/^[0-9a-f]{12}$/);
  await expectNoAxeViolations(page);

  const card = page.getByRole("region", { name: "Create an API key" });
  await card.getByLabel("Name").fill(keyName);
  await card.getByRole("button", { name: "Create key" }).click();
  await expect(card.getByText("Choose at least one scope.")).toBeVisible();
  await expect(card.getByLabel("Name")).toHaveValue(keyName);
  await card.getByRole("checkbox", { name: /^incidents:/ }).check();
  await card.getByRole("checkbox", { name: /^read:/ }).check();
  await card.getByRole("button", { name: "Create key" }).click();

  const field = page.getByLabel("Your new API key (shown only now)");
  await expect(field).toHaveValue(/^ups_[0-9a-f]{48}$/);
  const secret = await field.inputValue();
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByText(/^(Copied\.|Selected: press)/)).toBeVisible();
  await expectNoAxeViolations(page);

  const row = page.getByRole("list", { name: "API keys" }).getByRole("listitem", { name: keyName });
  await expect(row).toContainText(`${secret.slice(0, 12)}…`);
  await expect(row).toContainText("read, incidents");
  await expect(row).toContainText("last used never");
  const actor = await withDb((db) => authenticateApiRequest(db, bearer(secret)));
  expect(actor).toMatchObject({ name: keyName, scopes: ["read", "incidents"] });

  // Shown once: a reload (or anyone opening the page later) never sees it again.
  await page.reload();
  await expect(page.getByLabel("Your new API key (shown only now)")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(row).toContainText(/last used \w/);
  await expect(row).not.toContainText("last used never");

  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByRole("alert")).toHaveText("Confirm first.");
  await row.getByLabel(/Yes, revoke/).check();
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  const refused = await withDb((db) =>
    authenticateApiRequest(db, bearer(secret)).then(
      () => "accepted",
      () => "refused",
    ),
  );
  expect(refused).toBe("refused");
});

test("an editor sees no API keys page and cannot create a key by replaying the form", async ({ page, browser, baseURL }) => {
  await withDb((db) => makeStaff(db, editor));
  await signIn(page, ADMIN, "/admin/api-keys");
  const card = page.getByRole("region", { name: "Create an API key" });
  await card.getByLabel("Name").fill(`Replayed ${stamp}`);
  await card.getByRole("checkbox", { name: /^admin:/ }).check();
  const posted = page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await card.getByRole("button", { name: "Create key" }).click();
  const request = await posted;
  await expect(page.getByLabel("Your new API key (shown only now)")).toBeVisible();
  expect(await countKeysNamed(`Replayed ${stamp}`)).toBe(1);

  const editorContext = await browser.newContext({ baseURL });
  const editorPage = await editorContext.newPage();
  await signIn(editorPage, editor);
  await expect(editorPage.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "API keys" })).toHaveCount(0);
  await editorPage.goto("/admin/api-keys");
  await expect(editorPage.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  const headers = Object.fromEntries(Object.entries(request.headers()).filter(([name]) => name !== "cookie"));
  const replay = await editorContext.request.post(request.url(), { headers, data: request.postDataBuffer() ?? Buffer.alloc(0) });
  expect(await replay.text()).toContain("Only an admin can manage API keys.");
  expect(await countKeysNamed(`Replayed ${stamp}`)).toBe(1);
  await editorContext.close();
});
