import { expect, type Page, request as playwrightRequest, type Request, test } from "@playwright/test";
import pg from "pg";
import { ADMIN, expectNoAxeViolations, signIn } from "./admin-support.ts";

// Server actions are public POST endpoints: hiding a form is not protection. These tests capture a
// real action request made by a signed-in admin, then send it again without a session, and check
// in the database that nothing was written.

test.describe.configure({ timeout: 120_000 });

type CapturedAction = { url: string; headers: Record<string, string>; body: Buffer };

async function captureAction(page: Page, submit: () => Promise<void>): Promise<CapturedAction> {
  const captured = new Promise<Request>((resolve) => {
    page.on("request", (r) => {
      if (r.method() === "POST" && r.headers()["next-action"]) resolve(r);
    });
  });
  await submit();
  const r = await captured;
  const headers = Object.fromEntries(Object.entries(r.headers()).filter(([k]) => k !== "cookie"));
  return { url: r.url(), headers, body: r.postDataBuffer() ?? Buffer.alloc(0) };
}

async function queryValue(sql: string, params: unknown[]): Promise<unknown> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(sql, params);
    return rows[0] ? Object.values(rows[0])[0] : undefined;
  } finally {
    await client.end();
  }
}

const countIncidentsNamed = async (name: string) =>
  Number(await queryValue('SELECT count(*) FROM "Incident" WHERE name = $1', [name]));
const roleOf = (email: string) => queryValue('SELECT role::text FROM "User" WHERE email = $1', [email]);

const incidentForms = [
  { form: "/admin/incidents/new", button: "Open incident", fill: async (page: Page) => page.getByLabel("Message").fill("Made.") },
  {
    form: "/admin/incidents/new/past",
    button: "Record incident",
    fill: async (page: Page) => {
      await page.getByLabel("Impact started at").fill("2024-07-11T16:01");
      await page.getByLabel("Impact ended at").fill("2024-07-11T16:46");
      await page.getByLabel("Resolved update").fill("Made after the fact.");
    },
  },
];

for (const { form, button, fill } of incidentForms) {
  test(`a signed-out request to the ${form} action is refused and writes nothing`, async ({ page, baseURL }) => {
    test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
    await signIn(page, ADMIN, form);
    const name = `Replayed incident ${Date.now()}`;
    await page.getByLabel("Name").fill(name);
    await fill(page);
    const action = await captureAction(page, () => page.getByRole("button", { name: button }).click());
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    expect(await countIncidentsNamed(name)).toBe(1);

    const anonymous = await playwrightRequest.newContext({ baseURL });
    const response = await anonymous.post(action.url, { headers: action.headers, data: action.body });
    expect(await response.text()).toContain("You are signed out");
    expect(await countIncidentsNamed(name)).toBe(1);
    await anonymous.dispose();
  });
}

test("an editor and a signed-out request are refused for admin-only staff actions", async ({ page, browser, baseURL }) => {
  test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
  await signIn(page);
  await page.getByRole("link", { name: "Staff" }).click();
  await expect(page.getByRole("heading", { name: "Staff", level: 1 })).toBeVisible();
  const stamp = Date.now();
  const editorEmail = `editor-${stamp}@example.com`;
  const otherEmail = `other-${stamp}@example.com`;
  const addForm = page.getByRole("region", { name: "Add a staff member" });
  let editorPassword = "";
  for (const email of [editorEmail, otherEmail]) {
    await addForm.getByLabel("Email").fill(email);
    await addForm.getByLabel("Name").fill("E2E staff");
    await addForm.getByRole("button", { name: "Create account" }).click();
    const created = addForm.getByRole("status");
    await expect(created).toContainText("Account created.");
    if (email === editorEmail) editorPassword = ((await created.textContent()) ?? "").split(": ").pop()!.trim();
  }
  await expectNoAxeViolations(page);

  // The admin's own "make admin" request, captured, then undone.
  const promote = await captureAction(page, () => page.getByRole("button", { name: `Make admin: ${otherEmail}` }).click());
  await page.getByRole("button", { name: `Make editor: ${otherEmail}` }).click();
  await expect(page.getByRole("button", { name: `Make admin: ${otherEmail}` })).toBeVisible();
  expect(await roleOf(otherEmail)).toBe("editor");

  const editorContext = await browser.newContext({ baseURL });
  const editorPage = await editorContext.newPage();
  await signIn(editorPage, { email: editorEmail, password: editorPassword });
  await expect(editorPage.getByRole("link", { name: "Staff" })).toHaveCount(0);
  await editorPage.goto("/admin/staff");
  await expect(editorPage.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  const asEditor = await editorContext.request.post(promote.url, { headers: promote.headers, data: promote.body });
  expect(await asEditor.text()).toContain("Only an admin can do this.");
  expect(await roleOf(otherEmail)).toBe("editor");
  await editorContext.close();

  const anonymous = await playwrightRequest.newContext({ baseURL });
  const signedOut = await anonymous.post(promote.url, { headers: promote.headers, data: promote.body });
  expect(await signedOut.text()).toContain("You are signed out");
  expect(await roleOf(otherEmail)).toBe("editor");
  await anonymous.dispose();
});

test("signed-out requests to the maintenance actions are refused and write nothing", async ({ page, baseURL }) => {
  test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
  await signIn(page, ADMIN, "/admin/maintenance");
  const name = `Replayed maintenance ${Date.now()}`;
  const schedule = page.getByRole("region", { name: "Schedule maintenance" });
  await schedule.getByLabel("Name").fill(name);
  await schedule.getByLabel("Message").fill("Made by the admin.");
  await schedule.getByLabel("Starts").fill("2030-01-01T10:00");
  await schedule.getByLabel("Ends").fill("2030-01-01T11:00");
  await schedule.getByRole("button", { name: "Schedule maintenance" }).click();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

  const post = page.getByRole("region", { name: "Post an update" });
  await post.getByLabel("Status").selectOption({ label: "In progress" });
  await post.getByLabel("Message").fill("Started by the admin.");
  const postAction = await captureAction(page, () => post.getByRole("button", { name: "Post update" }).click());
  await expect(post.getByRole("status")).toHaveText("Update posted.");
  const edit = page.getByRole("region", { name: "Edit maintenance" });
  await edit.getByLabel("Name").fill(`${name} (edited)`);
  const editAction = await captureAction(page, () => edit.getByRole("button", { name: "Save maintenance" }).click());
  await expect(page.getByRole("heading", { name: `${name} (edited)`, level: 1 })).toBeVisible();
  await page.locator("summary", { hasText: "Cancel maintenance" }).click();
  const cancelAction = await captureAction(page, () => page.getByRole("button", { name: "Cancel maintenance" }).click());
  await expect(page.locator("h1 + p")).toContainText("Cancelled");

  const id = new URL(page.url()).pathname.split("/").pop();
  const countUpdates = async () =>
    Number(await queryValue('SELECT count(*) FROM "IncidentUpdate" WHERE "incidentId" = $1', [id]));
  const updates = await countUpdates();
  const anonymous = await playwrightRequest.newContext({ baseURL });
  for (const action of [postAction, editAction, cancelAction]) {
    const response = await anonymous.post(action.url, { headers: action.headers, data: action.body });
    expect(await response.text()).toContain("You are signed out");
  }
  expect(await countUpdates()).toBe(updates);
  expect(await countIncidentsNamed(`${name} (edited)`)).toBe(1);
  await anonymous.dispose();
});

test("a signed-out request to the move action is refused and moves nothing", async ({ page, baseURL }) => {
  test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
  const positionOf = async (name: string) => Number(await queryValue('SELECT position FROM "Component" WHERE name = $1', [name]));
  await signIn(page, ADMIN, "/admin/components");
  const moveDown = await captureAction(page, () => page.getByRole("button", { name: "Move down: AuthKit" }).click());
  await expect(page.getByRole("status").filter({ hasText: "Moved AuthKit down" })).toBeAttached();
  await page.getByRole("button", { name: "Move up: AuthKit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Moved AuthKit up" })).toBeAttached();
  expect(await positionOf("AuthKit")).toBe(0);
  const moves = () => queryValue(`SELECT count(*) FROM "AuditLog" WHERE action = 'component.moved'`, []);
  const movesBefore = await moves();

  const anonymous = await playwrightRequest.newContext({ baseURL });
  const response = await anonymous.post(moveDown.url, { headers: moveDown.headers, data: moveDown.body });
  expect(await response.text()).toContain("You are signed out");
  expect(await positionOf("AuthKit")).toBe(0);
  expect(await moves()).toEqual(movesBefore);
  await anonymous.dispose();
});
