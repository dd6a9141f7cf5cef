import { expect, request, test } from "@playwright/test";

// Every response carries the security headers, cached ones too, and no page can be framed.

const PATHS = ["/", "/admin/sign-in", "/admin", "/api/v2/status.json", "/api/auth/csrf", "/history.atom", "/no-such-page"];

function expectSecurityHeaders(headers: Record<string, string>, label: string) {
  const csp = headers["content-security-policy"] ?? "";
  for (const directive of [
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "script-src 'self' 'unsafe-inline'",
  ]) {
    expect(csp, `${label}: ${directive}`).toContain(directive);
  }
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  expect(headers["referrer-policy"], label).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], label).toBe("DENY");
  // The e2e server's public URL is http: no HSTS (tests/security-headers.test.ts checks https).
  expect(headers["strict-transport-security"], label).toBeUndefined();
}

test("pages, the API, auth routes and errors carry the security headers", async ({ baseURL }) => {
  const context = await request.newContext({ baseURL });
  for (const path of PATHS) {
    const response = await context.get(path, { maxRedirects: 0 });
    expectSecurityHeaders(response.headers(), `${path} (${response.status()})`);
  }
  await context.dispose();
});

test("a response served from the cache carries them too", async ({ baseURL }) => {
  const context = await request.newContext({ baseURL });
  await context.get("/api/v2/summary.json");
  for (const path of ["/", "/api/v2/summary.json"]) {
    let response = await context.get(path);
    if (response.headers()["x-upstate-cache"] !== "HIT") response = await context.get(path);
    expect(response.headers()["x-upstate-cache"], path).toBe("HIT");
    expectSecurityHeaders(response.headers(), `${path} (cache hit)`);
  }
  await context.dispose();
});

test("a page on another site cannot show the admin, the sign-in page or the status page in a frame", async ({
  page,
  baseURL,
}) => {
  const framed = ["/admin", "/admin/sign-in", "/"];
  await page.route("http://framer.example/", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>framer</title>${framed.map((p) => `<iframe src="${baseURL}${p}"></iframe>`).join("")}`,
    }),
  );
  await page.goto("http://framer.example/");
  await page.waitForLoadState("load");
  const frames = page.frames().filter((f) => f !== page.mainFrame());
  expect(frames).toHaveLength(framed.length);
  for (const frame of frames) {
    // Chromium replaces a refused frame with its error page.
    await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
    const text = await frame
      .locator("body")
      .textContent()
      .catch(() => null);
    expect(text ?? "").not.toContain("Sign in to Upstate");
    expect(text ?? "").not.toContain("Upstate admin");
  }
});
