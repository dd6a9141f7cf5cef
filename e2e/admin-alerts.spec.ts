import { expect, test } from "@playwright/test";
import { LAST_ON_PAGE, makeApiKey, makeComponent } from "../tests/support/factories.ts";
import { expectNoAxeViolations, signIn } from "./admin-support.ts";
import { withDb } from "./security-support.ts";

// The admin's alert mappings, and the webhook endpoints' answers to bad requests.

test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
test.describe.configure({ timeout: 180_000 });

const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const componentName = `Alerted search ${stamp}`;

function alertBody(status: "firing" | "resolved") {
  return {
    version: "4",
    status,
    receiver: "upstate",
    groupKey: "{}:{}",
    alerts: [
      {
        status,
        labels: { alertname: "SearchDown", service: `search-${stamp}` },
        annotations: {},
        startsAt: "2026-11-30T10:00:00Z",
        endsAt: status === "resolved" ? "2026-11-30T10:05:00Z" : "0001-01-01T00:00:00Z",
        fingerprint: `search-${stamp}`,
      },
    ],
  };
}

// The specs after this one on the same server check the demo page's order: leave it as found.
test.afterAll(async () => {
  await withDb((db) => db.component.deleteMany({ where: { name: componentName } }));
});

test("an admin maps alerts to a component; the page shows what alerts hold, and the webhook refuses bad requests", async ({
  page,
}) => {
  const key = await withDb(async (db) => {
    await makeComponent(db, { name: componentName, position: LAST_ON_PAGE });
    return makeApiKey(db, { name: `alerts ${stamp}`, scopes: ["components"] });
  });
  await signIn(page);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Alerts" }).click();
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();

  const add = page.getByRole("region", { name: "Add a mapping" });
  await add.getByLabel("Mapping name").fill(`Search ${stamp}`);
  await add.getByLabel("Component").selectOption({ label: componentName });
  await add.getByLabel("Label matchers").fill(`service="search-${stamp}", env=~"(a+)+"`);
  await add.getByLabel("Status while it fires").selectOption("partial_outage");
  await add.getByLabel("Minimum hold (seconds)").fill("0");
  await add.getByRole("button", { name: "Add mapping" }).click();
  await expect(add.getByText(/Nested repetition/)).toBeVisible();
  await add.getByLabel("Label matchers").fill(`service="search-${stamp}"`);
  await add.getByRole("button", { name: "Add mapping" }).click();
  await expect(page.getByRole("region", { name: /^Mappings/ })).toContainText(`Search ${stamp}`);
  await expectNoAxeViolations(page);

  // The endpoint: no key, a body that is not JSON, a body of the wrong shape.
  const url = "/api/v1/alerts/alertmanager";
  const auth = { authorization: `Bearer ${key.secret}` };
  const unauthenticated = await page.request.post(url, { data: alertBody("firing") });
  expect(unauthenticated.status()).toBe(401);
  expect(await unauthenticated.json()).toHaveProperty("error");
  const notJson = await page.request.post(url, {
    headers: { ...auth, "content-type": "application/json" },
    data: Buffer.from("{oops"),
  });
  expect(notJson.status()).toBe(400);
  const wrongShape = await page.request.post(url, {
    headers: auth,
    data: { ...alertBody("firing"), alerts: [{ status: "firing" }] },
  });
  expect(wrongShape.status()).toBe(422);
  expect((await wrongShape.json()).fields).toHaveProperty(["alerts.0.labels"]);

  const fired = await page.request.post(url, { headers: auth, data: alertBody("firing") });
  expect(fired.status(), await fired.text()).toBe(200);
  await page.reload();
  const held = page.getByRole("region", { name: "Components under alerts" });
  await expect(held).toContainText(componentName);
  await expect(held).toContainText("Set by alerts");
  await expect(page.getByRole("region", { name: /^Firing alerts/ })).toContainText(`service="search-${stamp}"`);

  // Next to the component in the components page too.
  await page.goto("/admin/components");
  await expect(page.getByRole("heading", { name: new RegExp(componentName) })).toContainText("Partial Outage");
  await expect(page.getByText("Set by alerts: it returns to operational when they all resolve.")).toBeVisible();

  const resolved = await page.request.post(url, { headers: auth, data: alertBody("resolved") });
  expect(resolved.status()).toBe(200);
  await page.goto("/admin/alerts");
  await expect(page.getByRole("region", { name: "Components under alerts" })).not.toContainText(componentName);

  // A phone's width.
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
