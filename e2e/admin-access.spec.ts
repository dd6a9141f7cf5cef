import { expect, type Page, request as playwrightRequest, type Request, test } from "@playwright/test";
import pg from "pg";
import { signIn } from "./admin-support.ts";

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

async function countIncidentsNamed(name: string): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "Incident" WHERE name = $1', [name]);
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

test("a signed-out request to the create-incident action is refused and writes nothing", async ({ page, baseURL }) => {
  test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
  await signIn(page);
  await page.goto("/admin/incidents/new");
  const name = `Replayed incident ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Message").fill("Made by the admin.");
  const action = await captureAction(page, () => page.getByRole("button", { name: "Open incident" }).click());
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  expect(await countIncidentsNamed(name)).toBe(1);

  const anonymous = await playwrightRequest.newContext({ baseURL });
  const response = await anonymous.post(action.url, { headers: action.headers, data: action.body });
  expect(await response.text()).toContain("You are signed out");
  expect(await countIncidentsNamed(name)).toBe(1);
  await anonymous.dispose();
});
