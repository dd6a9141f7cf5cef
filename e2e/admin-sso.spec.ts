import type { Server } from "node:http";
import { expect, type Page, test } from "@playwright/test";
import Provider from "oidc-provider";
import { makeIncident } from "../tests/support/factories.ts";
import { withDb } from "./security-support.ts";

// Single sign-on end to end against a real OpenID Connect provider (the oidc-provider package),
// started here on the port scripts/e2e.ts gave the server as OIDC_ISSUER.

const port = Number(process.env.E2E_OIDC_PORT);
test.skip(!port, "needs E2E_OIDC_PORT (set by scripts/e2e.ts)");
test.describe.configure({ timeout: 120_000 });

let server: Server | undefined;

test.beforeAll(async ({ baseURL }) => {
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: "upstate-e2e",
        client_secret: "e2e-oidc-secret",
        redirect_uris: [`${baseURL}/api/auth/callback/oidc`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    // The development login form accepts any login; it becomes the account's email, verified.
    // `unverified:<email>` and `unknown:<email>` say the provider did not verify it, or say nothing.
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => {
        const [, how, email] = /^(?:(unverified|unknown):)?(.*)$/.exec(id)!;
        const verified = how === "unverified" ? { email_verified: false } : how === "unknown" ? {} : { email_verified: true };
        return { sub: id, email, ...verified, name: `SSO ${email}` };
      },
    }),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Strictly conformant: email and name only from userinfo, not in the ID token (Upstate reads
    // them from the ID token when there, which lib/auth/oidc-profile.test.ts covers).
    conformIdTokenClaims: true,
    features: { devInteractions: { enabled: true } },
  });
  await new Promise<void>((resolve) => {
    server = provider.listen(port, "127.0.0.1", () => resolve());
  });
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function signInWithSso(page: Page, login: string, from = "/admin/sign-in") {
  await page.goto(from);
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  // The provider asks for consent the first time.
  const consent = page.locator('button[type="submit"]');
  if (await consent.isVisible().catch(() => false)) await consent.click();
}

test("an existing admin signs in through the provider with their own role", async ({ page }) => {
  await signInWithSso(page, "e2e-admin@example.com");
  await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  await expect(page.getByText("e2e-admin@example.com (admin)")).toBeVisible();
});

test("someone from the allowed domain becomes an editor; anyone else is refused", async ({ page, browser, baseURL }) => {
  await signInWithSso(page, "newcomer@sso.example");
  await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  await expect(page.getByText("newcomer@sso.example (editor)")).toBeVisible();
  await expect(page.getByRole("link", { name: "Staff" })).toHaveCount(0);

  const stranger = await browser.newPage({ baseURL });
  await signInWithSso(stranger, "stranger@elsewhere.example");
  await expect(stranger).toHaveURL(/\/admin\/sign-in\?.*error=AccessDenied/);
  await expect(stranger.getByRole("main").getByRole("alert")).toContainText("may not enter here");
  await stranger.close();
});

test("an email the provider did not verify takes over no account and says why", async ({ page }) => {
  for (const login of ["unverified:e2e-admin@example.com", "unknown:e2e-admin@example.com", "unverified:someone@sso.example"]) {
    await page.context().clearCookies();
    await signInWithSso(page, login);
    await expect(page).toHaveURL(/\/admin\/sign-in\?.*error=EmailNotVerified/);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("has not verified that email address");
    const session = await page.request.get("/api/auth/session");
    expect(await session.json()).toEqual({});
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in/);
  }
});

test("a signed-out link to an incident lands on that incident after single sign-on", async ({ page }) => {
  const name = `SSO deep link ${Date.now().toString(36)}`;
  const { id } = await withDb((db) => makeIncident(db, { name }));
  await signInWithSso(page, "e2e-admin@example.com", `/admin/incidents/${id}`);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/admin/incidents/${id}`);
});
