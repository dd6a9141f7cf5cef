import { expect, request, test } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { makeStaff } from "../tests/support/factories.ts";
import { signIn } from "./admin-support.ts";
import { cookieHeader, signedInContext, withDb } from "./security-support.ts";

// Sessions end at sign-out for every copy of the cookie, last 12 hours from sign-in however
// often they are used, and sign-out's callback URL cannot make the server fail or leave the site.

const SECRET = "e2e-secret-not-for-production"; // scripts/e2e.ts
const needsDb = () => test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");

async function sessionToken(cookies: string): Promise<Record<string, unknown>> {
  const token = /(?:^|; )next-auth\.session-token=([^;]+)/.exec(cookies)?.[1];
  expect(token).toBeTruthy();
  return (await decode({ secret: SECRET, token: token! })) as Record<string, unknown>;
}

test("a copied session cookie stops working when its owner signs out", async ({ page, baseURL }) => {
  needsDb();
  const account = await withDb((db) => makeStaff(db, { role: "admin" }));
  await signIn(page, account);
  const copied = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const thief = await request.newContext({ baseURL, extraHTTPHeaders: { cookie: copied } });
  expect(await (await thief.get("/admin/staff")).text()).toContain(account.email);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Upstate" })).toBeVisible();

  const after = await thief.get("/admin/staff", { maxRedirects: 0 });
  expect(after.status()).toBeGreaterThanOrEqual(300);
  expect(after.headers().location).toContain("/admin/sign-in");
  const navigation = await thief.get("/admin/staff", { headers: { RSC: "1" }, maxRedirects: 0 });
  expect(await navigation.text()).not.toContain(account.email);
  await thief.dispose();
});

test("a session lasts 12 hours from sign-in, and reading it does not extend it", async ({ baseURL }) => {
  needsDb();
  const account = await withDb((db) => makeStaff(db));
  const context = await signedInContext(baseURL!, account);
  const first = await sessionToken(await cookieHeader(context));
  // Within a second: next-auth reads the clock again when it sets the expiry.
  expect(Math.abs(Number(first.exp) - Number(first.signedInAt) - 12 * 3600)).toBeLessThanOrEqual(1);
  // next-auth re-issues the cookie when the session is read; the expiry must stay put.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await context.get("/api/auth/session");
  const second = await sessionToken(await cookieHeader(context));
  expect(second.jti).not.toBe(first.jti);
  expect(Math.abs(Number(second.exp) - Number(first.exp))).toBeLessThanOrEqual(1);
  expect(second.signedInAt).toBe(first.signedInAt);
  await context.dispose();
});

const ODD_CALLBACKS = [
  "//evil.com",
  "https://evil.com/admin",
  "javascript:alert(1)",
  "/\\evil.com",
  "not a url",
  "%E0%A4%A",
  `/${"a".repeat(10_000)}`,
  "/admin/sign-in",
];

test("sign-out answers every odd callback URL with a 4xx or a redirect within the site", async ({ baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const sameSite = (location: string) => new URL(location, origin).origin === origin;
  const context = await request.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  for (const value of ODD_CALLBACKS) {
    const query = `callbackUrl=${encodeURIComponent(value)}`;
    const attempts = [
      () => context.get(`/api/auth/signout?${query}`, { maxRedirects: 0 }),
      () => context.post(`/api/auth/signout?${query}`, { form: { csrfToken, json: "true" }, maxRedirects: 0 }),
      () => context.post("/api/auth/signout", { form: { csrfToken, callbackUrl: value }, maxRedirects: 0 }),
      () => context.post("/api/auth/signout", { form: { csrfToken, callbackUrl: value, json: "true" }, maxRedirects: 0 }),
      () => context.post("/api/auth/signout", { data: { csrfToken, callbackUrl: value, json: "true" }, maxRedirects: 0 }),
      () =>
        context.post("/api/auth/signout", {
          form: { csrfToken, json: "true" },
          headers: { cookie: `next-auth.callback-url=${encodeURIComponent(value)}` },
          maxRedirects: 0,
        }),
    ];
    for (const [index, attempt] of attempts.entries()) {
      const response = await attempt();
      const label = `${index}: ${value.slice(0, 30)} → ${response.status()}`;
      expect(response.status(), label).toBeLessThan(500);
      if (response.status() >= 300 && response.status() < 400) expect(sameSite(response.headers().location!), label).toBe(true);
      if (response.status() === 200 && response.headers()["content-type"]?.includes("json")) {
        const body = (await response.json()) as { url?: string };
        if (body.url) expect(sameSite(body.url), label).toBe(true);
      }
    }
  }
  // Malformed percent-encoding left as it is in the URL, and in the route's own segment.
  for (const raw of [
    "/api/auth/signout?callbackUrl=%E0%A4%A",
    "/api/auth/signout?callbackUrl=%",
    "/api/auth/%E0%A4%A",
    "/api/auth/signout%E0",
  ]) {
    expect((await context.get(raw, { maxRedirects: 0 })).status(), raw).toBeLessThan(500);
    expect((await context.post(raw, { form: { csrfToken }, maxRedirects: 0 })).status(), raw).toBeLessThan(500);
  }
  await context.dispose();
});
