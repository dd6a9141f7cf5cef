import { expect, type Page, test } from "@playwright/test";
import { setComponentStatus } from "../lib/components/set-component-status.ts";
import { createIncident } from "../lib/incidents/create-incident.ts";
import { postUpdate } from "../lib/incidents/post-update.ts";
import { resolveIncident } from "../lib/incidents/resolve-incident.ts";
import { makeIncident, makeStaff } from "../tests/support/factories.ts";
import { expectNoAxeViolations } from "./admin-support.ts";
import { withDb } from "./security-support.ts";

// The status page as an on-call engineer reads it at 3 a.m., often on a phone: during an outage
// the components must not be buried under every update of every open incident.

test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
test.describe.configure({ mode: "serial", timeout: 240_000 });

const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const words =
  "We are seeing elevated error rates for a subset of customers signing in through SSO. Our engineers are working on a fix and will post again within the hour.";

let incidentIds: string[] = [];

/** Where the component list starts, once the page shows every incident made here. */
async function componentListTop(page: Page): Promise<number> {
  // The page's cache refreshes on the writes' notification; the incidents are also in today's
  // past incidents further down, so look for them where they are ongoing.
  await expect(async () => {
    await page.goto("/");
    const ongoing = page.getByRole("region", { name: "Ongoing" });
    for (let i = 1; i <= 2; i++)
      await expect(ongoing.getByRole("link", { name: `Outage ${i} ${stamp}` })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  const box = await page.locator("section[aria-labelledby=components-heading]").boundingBox();
  expect(box).not.toBeNull();
  return box!.y;
}

test.describe("an outage with three open incidents, each with several updates", () => {
  test.beforeAll(async () => {
    incidentIds = await withDb(async (db) => {
      const actor = await makeStaff(db);
      const ids: string[] = [];
      // Incidents other files on this server left open would make more than three: resolve them
      // (the oldest open one is the demo's, which stays).
      const open = await db.incident.findMany({
        where: { kind: "incident", status: { not: "resolved" } },
        orderBy: { createdAt: "asc" },
        select: { id: true },
      });
      for (const { id } of open.slice(1)) await resolveIncident({ db, actor, input: { incidentId: id, message: "Resolved." } });
      // With the demo's open incident (three updates), three open incidents in all.
      for (let i = 1; i <= 2; i++) {
        const start = Date.now() - 60 * 60_000;
        const { id } = await makeIncident(db, { actor, name: `Outage ${i} ${stamp}`, displayAt: new Date(start) });
        for (const [n, status] of (["identified", "monitoring", "monitoring"] as const).entries()) {
          await postUpdate({
            db,
            actor,
            input: {
              incidentId: id,
              status,
              message: `Update ${n + 2} of outage ${i}. ${words}`,
              displayAt: new Date(start + (n + 1) * 10 * 60_000),
            },
          });
        }
        ids.push(id);
      }
      return ids;
    });
  });

  test.afterAll(async () => {
    // Other files on this server expect the demo page as seeded.
    await withDb(async (db) => {
      const actor = await makeStaff(db);
      for (const incidentId of incidentIds) await resolveIncident({ db, actor, input: { incidentId, message: "Resolved." } });
    });
  });

  test("the component list is on the first desktop screen", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await componentListTop(page)).toBeLessThan(800 - 60);
  });

  test("the component list is within one and a half phone screens", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await componentListTop(page)).toBeLessThan(812 * 1.5 - 60);
  });

  test("each card shows its newest update and folds the earlier ones, openable without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    const card = page
      .getByRole("region", { name: "Ongoing" })
      .getByRole("article")
      .filter({ hasText: `Outage 2 ${stamp}` });
    await expect(card.getByText("Update 4 of outage 2.")).toBeVisible();
    await expect(card.getByText("Update 3 of outage 2.")).toBeHidden();
    await card.getByText("3 earlier updates").click();
    for (const n of [3, 2]) await expect(card.getByText(`Update ${n} of outage 2.`)).toBeVisible();
    await expect(card.getByText("Looking into it.")).toBeVisible();
    await context.close();
  });

  test("the incident page still shows every update", async ({ page }) => {
    await page.goto(`/incidents/${incidentIds[0]}`);
    for (const n of [4, 3, 2]) await expect(page.getByText(`Update ${n} of outage 1.`)).toBeVisible();
    await expect(page.getByText("Looking into it.")).toBeVisible();
  });
});

test("a folded group still shows its worst component's status, in words and with an icon", async ({ page }) => {
  // Webhooks (in Platform) is degraded in the demo data, unless a spec before this one changed it.
  const restore = await withDb(async (db) => {
    const webhooks = await db.component.findFirstOrThrow({ where: { name: "Webhooks" } });
    const actor = await makeStaff(db, { role: "admin" });
    const set = (status: typeof webhooks.status) =>
      setComponentStatus({ db, actor, input: { componentId: webhooks.id, status } });
    if (webhooks.status !== "degraded_performance") await set("degraded_performance");
    return webhooks.status;
  });
  // Loaded until the page shows the change (the first load may be the cached copy being re-rendered).
  await expect
    .poll(async () => {
      await page.goto("/");
      return page.locator("summary", { hasText: "Platform" }).textContent();
    })
    .toContain("Degraded Performance");
  const platform = page.locator("details").filter({ has: page.locator("summary", { hasText: "Platform" }) });
  const summary = platform.locator("summary");
  await summary.click();
  await expect(platform).not.toHaveAttribute("open");
  await expect(page.getByText("Webhooks", { exact: true })).toBeHidden();
  await expect(summary).toContainText("Degraded Performance");
  await expect(summary.locator("use")).toHaveAttribute("href", "#status-icon-degraded");
  await expect(page.locator("summary", { hasText: "Authentication" })).toContainText("Operational");
  if (restore !== "degraded_performance") {
    await withDb(async (db) => {
      const webhooks = await db.component.findFirstOrThrow({ where: { name: "Webhooks" } });
      await setComponentStatus({
        db,
        actor: await makeStaff(db, { role: "admin" }),
        input: { componentId: webhooks.id, status: restore },
      });
    });
  }
});

test("an incident's impact is written out beside its colour", async ({ page }) => {
  // An incident of its own: specs before this one on the same server may have resolved the demo's.
  const name = `Minor trouble ${Date.now()}`;
  const id = await withDb(async (db) => {
    const actor = await makeStaff(db);
    const made = await createIncident({
      db,
      actor,
      input: { name, status: "investigating", impactOverride: "minor", message: "Looking into it." },
    });
    return { id: made.id, actor };
  });
  const card = page.getByRole("region", { name: "Ongoing" }).getByRole("article").filter({ hasText: name });
  await expect
    .poll(async () => {
      await page.goto("/");
      return (await card.count()) ? card.textContent() : "";
    })
    .toContain("Minor impact");
  await expectNoAxeViolations(page);
  await withDb((db) => resolveIncident({ db, actor: id.actor, input: { incidentId: id.id, message: "Resolved." } }));
});

test("the tab's title and icon carry the overall status, in the served HTML", async ({ page, request }) => {
  // The overall status is whatever the specs before this one on the same server left: the served
  // page must carry what the status API says (read again until both come from the same data, as a
  // page just changed may first come from the cache).
  const FILL = { none: "15803d", minor: "a16207", major: "c2410c", critical: "b91c1c", maintenance: "1d4ed8" };
  let title = "";
  let html = "";
  let indicator: keyof typeof FILL = "none";
  await expect
    .poll(async () => {
      const { status } = (await (await request.get("/api/v2/status.json")).json()) as {
        status: { indicator: keyof typeof FILL; description: string };
      };
      indicator = status.indicator;
      const sign = indicator === "maintenance" ? "🛠 " : indicator === "none" ? "" : "⚠ ";
      title = indicator === "none" ? "WorkOS Status" : `${sign}${status.description} · WorkOS Status`;
      html = await (await request.get("/")).text();
      return html.includes(`<title>${title}</title>`);
    })
    .toBe(true);
  expect(html).toMatch(new RegExp(`<link rel="icon" href="data:image/svg\\+xml,[^"]*%23${FILL[indicator]}`));
  await page.goto("/");
  await expect(page).toHaveTitle(title);
});

test("a skip link leads to the content, and an incident page links back to the status page", async ({ page }) => {
  await page.goto("/history");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await page.getByRole("link", { name: "Delayed webhook deliveries" }).click();
  await page.getByRole("link", { name: "Current status" }).click();
  await expect(page.getByRole("region", { name: "Current status" })).toBeVisible();
});

test("the subscribe menu closes on Escape and on a click outside, and opens without JavaScript", async ({ page, browser }) => {
  await page.goto("/");
  const menu = page.locator("details[data-menu]");
  const button = page.getByText("Subscribe to updates");
  await button.click();
  await expect(menu).toHaveAttribute("open");
  await page.keyboard.press("Escape");
  await expect(menu).not.toHaveAttribute("open");
  await expect(button).toBeFocused();
  await button.click();
  await expect(page.getByRole("link", { name: "Atom feed" })).toBeVisible();
  await page.getByRole("heading", { name: "Past Incidents" }).click();
  await expect(menu).not.toHaveAttribute("open");

  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  await noScript.goto("/");
  await noScript.getByText("Subscribe to updates").click();
  await expect(noScript.getByRole("link", { name: "Atom feed" })).toBeVisible();
  await context.close();
});

test("in dark mode an incident card keeps its impact colour", async ({ browser }) => {
  // An incident of its own: specs before this one on the same server may have resolved the demo's.
  const name = `Dark card ${Date.now()}`;
  const made = await withDb(async (db) => {
    const actor = await makeStaff(db);
    const { id } = await createIncident({
      db,
      actor,
      input: { name, status: "investigating", impactOverride: "major", message: "Looking into it." },
    });
    return { id, actor };
  });
  const context = await browser.newContext({ colorScheme: "dark" });
  try {
    const page = await context.newPage();
    const card = page.getByRole("region", { name: "Ongoing" }).getByRole("article").filter({ hasText: name });
    await expect
      .poll(async () => {
        await page.goto("/");
        return card.count();
      })
      .toBe(1);
    const colours = await card.evaluate((element) => {
      const style = getComputedStyle(element);
      return { left: style.borderLeftColor, top: style.borderTopColor };
    });
    expect(colours.left).not.toBe(colours.top);
  } finally {
    // Leave no open incident to the specs after this one, pass or fail.
    await context.close();
    await withDb((db) => resolveIncident({ db, actor: made.actor, input: { incidentId: made.id, message: "Resolved." } }));
  }
});

test("an upcoming maintenance can be added to a calendar", async ({ page, request }) => {
  await page.goto("/");
  const upcoming = page.getByRole("region", { name: "Scheduled Maintenance" });
  const link = upcoming.getByRole("link", { name: /^Add to calendar/ }).first();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/\/incidents\/[a-z0-9]+\/calendar\.ics$/);
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/calendar");
  const ics = (await response.text()).replace(/\r\n[ \t]/g, "");
  expect(ics).toMatch(/^BEGIN:VCALENDAR/);
  expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);
  expect(ics).toMatch(/DTEND:\d{8}T\d{6}Z/);
  const id = href!.split("/").at(-2);
  expect(ics).toContain(`/incidents/${id}`);

  // An incident is not a window.
  await page.goto("/history");
  const incidentHref = await page.getByRole("link", { name: "Delayed webhook deliveries" }).getAttribute("href");
  expect((await request.get(`${incidentHref}/calendar.ics`)).status()).toBe(404);
});
