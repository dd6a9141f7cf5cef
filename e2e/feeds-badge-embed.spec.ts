import { expect, test } from "@playwright/test";
import pg from "pg";
import { parseFeed } from "../tests/support/parse-feed.ts";

// Feeds, badge, embed and canonical tags over real HTTP, on the seeded demo page.

const base = process.env.E2E_BASE_URL!;

/** Sets the page's public URL in page settings, telling running servers to drop cached copies. */
async function setPagePublicUrl(publicUrl: string | null) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`UPDATE "PageSettings" SET "publicUrl" = $1, "updatedAt" = now() WHERE id = 1`, [publicUrl]);
    await client.query(`SELECT pg_notify('upstate_public_change', '{"all":true}')`);
  } finally {
    await client.end();
  }
  // Until their new renders are stored the cache serves the previous copies (marked STALE; past
  // the first second after a change, at once): wait for the new ones of what the tests read.
  for (const path of ["/embed.js", "/api/v2/summary.json", "/", "/history", "/history.atom"]) {
    await expect
      .poll(async () => (await fetch(`${base}${path}`)).headers.get("x-upstate-cache"), { timeout: 60_000 })
      .not.toBe("STALE");
  }
}

test.describe.configure({ mode: "serial" });

for (const [path, type, contentType] of [
  ["/history.atom", "atom", "application/atom+xml"],
  ["/history.rss", "rss", "application/rss+xml"],
] as const) {
  test(`${path} is a valid ${type} feed of every incident and maintenance`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain(contentType);
    expect(response.headers()["cache-control"]).toContain("s-maxage=");
    expect(response.headers().etag).toBeTruthy();
    const { meta, items } = await parseFeed(await response.text());
    expect(meta["#type"]).toBe(type);
    const titles = items.map((i) => i.title);
    for (const name of [
      "Degraded Authkit Service",
      "Delayed webhook deliveries",
      "Database upgrade",
      "Network maintenance in us-east-1",
    ]) {
      expect(titles).toContain(name);
    }
    const reference = items.find((i) => i.title === "Degraded Authkit Service")!;
    expect(reference.description).toContain("Jul 11, 2024 - 16:01 EDT");
    expect(reference.description).toContain("Resolved");
  });
}

test("the badge shows the overall status and is cacheable", async ({ page, request }) => {
  const response = await request.get("/badge.svg");
  expect(response.headers()["content-type"]).toContain("image/svg+xml");
  expect(response.headers()["cache-control"]).toContain("public");
  // The overall status is whatever the specs before this one on the same server left: the badge
  // must say what the status API says.
  const both = async () => {
    const status = (await (await request.get("/api/v2/status.json")).json()) as { status: { description: string } };
    await page.goto("/badge.svg");
    return { badge: await page.locator("svg title").textContent(), api: `status: ${status.status.description}` };
  };
  await expect
    .poll(async () => {
      const { badge, api } = await both();
      return badge === api ? "same" : `${badge} ≠ ${api}`;
    })
    .toBe("same");
});

test("the embed shows a notice on another site while an incident is open", async ({ page, request }) => {
  await setPagePublicUrl(base);
  try {
    // Other suites may have opened incidents of their own: expect the newest open one.
    const summary = await (await request.get("/api/v2/summary.json")).json();
    const newest = summary.incidents[0]?.name as string;
    expect(newest).toBeTruthy();
    // A page of another origin (about:blank) loading our script, as a customer's site would.
    await page.setContent(`<main><h1>Customer site</h1></main><script src="${base}/embed.js"></script>`);
    const notice = page.locator("#upstate-status-notice");
    await expect(notice).toContainText(newest);
    await expect(notice.getByRole("link", { name: "View status" })).toHaveAttribute("href", new RegExp(`^${base}/incidents/`));
    await notice.getByRole("button", { name: "Dismiss status notice" }).click();
    await expect(notice).toHaveCount(0);
  } finally {
    await setPagePublicUrl(null);
  }
});

test("the embed adds nothing while nothing is open", async ({ page }) => {
  await setPagePublicUrl(base);
  try {
    await page.route("**/api/v2/summary.json", async (route) => {
      const summary = await (await route.fetch()).json();
      await route.fulfill({
        json: { ...summary, incidents: [] },
        headers: { "access-control-allow-origin": "*" },
      });
    });
    // A notice left from an earlier visit: the script removes it once it has read the summary,
    // which tells this test that the script is done, instead of waiting some time and hoping.
    await page.setContent(
      `<main><h1>Customer site</h1></main><div id="upstate-status-notice">stale</div><script src="${base}/embed.js"></script>`,
    );
    await expect(page.locator("#upstate-status-notice")).toHaveCount(0);
    expect(await page.locator("body > *").count()).toBe(2);
  } finally {
    await setPagePublicUrl(null);
  }
});

test("canonical, Open Graph, feed links and the embed use the public URL with its path", async ({ page, request }) => {
  await setPagePublicUrl("https://status.example.com/acme/");
  try {
    await page.goto("/history", { waitUntil: "domcontentloaded" });
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", "https://status.example.com/acme/history");
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", "https://status.example.com/acme/history");
    await expect(page.locator('link[type="application/atom+xml"]')).toHaveAttribute(
      "href",
      "https://status.example.com/acme/history.atom",
    );
    await page.goto("/", { waitUntil: "domcontentloaded" });
    // Without the slash, which a server under a path redirects.
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", "https://status.example.com/acme");
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", "https://status.example.com/acme");
    const script = await (await request.get("/embed.js", { headers: { "x-forwarded-host": "internal:9999" } })).text();
    expect(script).toContain('"https://status.example.com/acme/api/v2/summary.json"');
    expect(script).not.toContain("internal");
    const feed = await (await request.get("/history.atom")).text();
    expect(feed).toContain("https://status.example.com/acme/incidents/");
    expect(feed).not.toMatch(/acme\/\/|127\.0\.0\.1|localhost/);
  } finally {
    await setPagePublicUrl(null);
  }
});
