import { type APIRequestContext, type Browser, expect, type Page, request, test } from "@playwright/test";
import { totpCode } from "../lib/auth/totp.ts";
import { makeIncident, makeStaff } from "../tests/support/factories.ts";
import { type MailServer, startMailServer } from "../tests/support/mail-server.ts";
import { ADMIN, expectNoAxeViolations, fillSignIn, signIn } from "./admin-support.ts";
import { signedInContext, withDb } from "./security-support.ts";

// Issue 12's staff account flows, in a real browser: the deep link kept through sign-in, changing
// one's own password, invitations, TOTP two-factor, quiet-incident flags and the public pages'
// "Edit in admin" link. Each test makes its own accounts and incidents.

test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL (set by scripts/e2e.ts)");
test.describe.configure({ mode: "serial", timeout: 180_000 });

let mail: MailServer;
test.beforeAll(async () => {
  const port = Number(process.env.E2E_SMTP_PORT);
  if (!port) throw new Error("E2E_SMTP_PORT is not set: run the browser tests with npm run test:e2e");
  mail = await startMailServer(port);
});
test.afterAll(() => mail?.close());

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const SIZES = [
  ["desktop", 1280],
  ["phone", 375],
] as const;

/**
 * Checks the page at 1280 and 375 px in light and dark: nothing wider than the screen, no axe
 * violations; with E2E_SCREENSHOTS set, saves a screenshot of each into that folder.
 */
async function checkLayouts(page: Page, name: string) {
  for (const [label, width] of SIZES) {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} ${label} ${colorScheme} scrolls sideways`).toBeLessThanOrEqual(0);
      if (colorScheme === "light" || label === "desktop") await expectNoAxeViolations(page);
      const folder = process.env.E2E_SCREENSHOTS;
      if (folder) await page.screenshot({ path: `${folder}/${name}-${label}-${colorScheme}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
}

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

test("a signed-out link to an incident lands on that incident after signing in", async ({ page }) => {
  const name = `Deep link ${stamp()}`;
  const { id } = await withDb((db) => makeIncident(db, { name }));
  await page.goto(`/admin/incidents/${id}`);
  await expect(page).toHaveURL(/\/admin\/sign-in\?callbackUrl=/);
  await fillSignIn(page, ADMIN);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/admin/incidents/${id}`);
});

test("the sign-in page sends nobody off the site or outside the admin", async ({ baseURL }) => {
  const admin = await signedInContext(baseURL!, ADMIN);
  const site = new URL(baseURL!);
  for (const callback of [
    "//evil.com",
    "/\\evil.com",
    "https://evil.com/admin",
    "%2F%2Fevil.com",
    "/%2F%2Fevil.com",
    "/admin/../..//evil.com",
    "/admin%2F..%2F..%2F%2Fevil.com",
    "/\tevil.com",
    "/",
  ]) {
    const response = await admin.get(`/admin/sign-in?callbackUrl=${encodeURIComponent(callback)}`, { maxRedirects: 0 });
    const location = new URL(response.headers().location ?? "", baseURL);
    expect(response.status(), callback).toBeGreaterThanOrEqual(300);
    expect(location.host, callback).toBe(site.host);
    expect(location.pathname, callback).toBe("/admin");
  }
  const deep = await admin.get(`/admin/sign-in?callbackUrl=${encodeURIComponent("/admin/maintenance?x=1")}`, { maxRedirects: 0 });
  expect(new URL(deep.headers().location ?? "", baseURL).pathname).toBe("/admin/maintenance");
  await admin.dispose();
});

test("staff change their own password: this session goes on, the others end", async ({ page, baseURL }) => {
  const account = await withDb((db) => makeStaff(db, { password: "first-password-1" }));
  const other: APIRequestContext = await signedInContext(baseURL!, account);
  await signIn(page, account, "/admin/account");
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await checkLayouts(page, "account");
  const form = page.getByRole("region", { name: "Password" });
  await form.getByLabel("Current password").fill("wrong-password");
  await form.getByLabel("New password", { exact: true }).fill("second-password-2");
  await form.getByLabel("New password again").fill("second-password-2");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("That is not your current password.")).toBeVisible();
  // Nothing typed comes back into the page.
  expect(await page.content()).not.toContain("second-password-2");
  await form.getByLabel("Current password").fill("first-password-1");
  await form.getByLabel("New password", { exact: true }).fill("short");
  await form.getByLabel("New password again").fill("short");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Use at least 8 characters.")).toBeVisible();
  await form.getByLabel("Current password").fill("first-password-1");
  await form.getByLabel("New password", { exact: true }).fill("second-password-2");
  await form.getByLabel("New password again").fill("second-password-2");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("You are still signed in here")).toBeVisible();
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  const elsewhere = await other.get("/admin", { maxRedirects: 0 });
  expect(elsewhere.headers().location ?? "").toContain("/admin/sign-in");
  await other.dispose();
  await (await signedInContext(baseURL!, { email: account.email, password: "second-password-2" })).dispose();
  await withDb(async (db) => {
    expect(await db.auditLog.count({ where: { targetId: account.id, action: "user.password_changed" } })).toBe(1);
  });
});

test("a single sign-on account is told it has no password", async ({ page }) => {
  const account = await withDb(async (db) => {
    const staff = await makeStaff(db);
    return staff;
  });
  await signIn(page, account);
  await withDb((db) => db.user.update({ where: { id: account.id }, data: { passwordHash: null } }));
  await page.goto("/admin/account");
  await expect(page.getByText("has no password here")).toBeVisible();
  await expect(page.getByRole("region", { name: "Two-factor authentication" })).toHaveCount(0);
});

test("an admin invites by email; the invitee sets a name and password once and signs in; a withdrawn link stops working", async ({
  page,
  browser,
}) => {
  const email = `invited-${stamp()}@example.com`;
  await signIn(page, ADMIN, "/admin/staff");
  const card = page.getByRole("region", { name: "Invite a staff member" });
  await card.getByLabel("Email").fill(email);
  await card.getByLabel("Role").selectOption("editor");
  await card.getByRole("button", { name: "Invite" }).click();
  const link = await card.getByLabel(/Invitation link/).inputValue();
  expect(link).toMatch(/\/admin\/invite\/[A-Za-z0-9_-]{40,}$/);
  await expect(card.getByText(email, { exact: true })).toBeVisible();
  await checkLayouts(page, "staff-invitations");
  // SMTP_URL is set for the browser tests: the invitee is mailed the same link.
  const mailed = await mail.waitFor((mails) => mails.some((m) => JSON.stringify(m.to).includes(email)), 60_000);
  expect(mailed.find((m) => JSON.stringify(m.to).includes(email))?.text).toContain(link);

  const invitee = await newPage(browser);
  await invitee.goto(link);
  await expect(invitee.getByText(`You were invited as editor with ${email}`)).toBeVisible();
  await checkLayouts(invitee, "invitation");
  await invitee.getByLabel("Your name").fill("Invited Person");
  await invitee.getByLabel("Password", { exact: true }).fill("invitee-password-1");
  await invitee.getByLabel("Password again").fill("invitee-password-1");
  await invitee.getByRole("button", { name: "Create my account" }).click();
  await expect(invitee.getByText("Your account is ready")).toBeVisible();
  await fillSignIn(invitee, { email, password: "invitee-password-1" });
  await expect(invitee.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  await expect(invitee.getByText(`${email} (editor)`)).toBeVisible();
  // Used once: opened again, it says so.
  await invitee.goto(link);
  await expect(invitee.getByText("This invitation link has expired, was used already or was withdrawn.")).toBeVisible();
  await invitee.context().close();

  const second = `withdrawn-${stamp()}@example.com`;
  await page.goto("/admin/staff");
  await card.getByLabel("Email").fill(second);
  await card.getByRole("button", { name: "Invite" }).click();
  const secondLink = await card.getByLabel(/Invitation link/).inputValue();
  const withdraw = page.getByRole("button", { name: `Withdraw the invitation of ${second}` });
  await withdraw.click();
  // No longer pending: it leaves the list.
  await expect(withdraw).toHaveCount(0);
  const stranger = await newPage(browser);
  await stranger.goto(secondLink);
  await expect(stranger.getByText("This invitation link has expired, was used already or was withdrawn.")).toBeVisible();
  await expect(stranger.getByLabel("Your name")).toHaveCount(0);
  await stranger.context().close();
});

test("staff turn on two-factor with a code from their app, then sign in with a computed code", async ({ page, browser }) => {
  const account = await withDb((db) => makeStaff(db));
  await signIn(page, account, "/admin/account");
  const card = page.getByRole("region", { name: "Two-factor authentication" });
  await card.getByRole("button", { name: "Set up two-factor" }).click();
  const secret = ((await page.locator("#totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(card.getByRole("link", { name: /^otpauth:\/\/totp\// })).toBeVisible();
  await checkLayouts(page, "account-two-factor-setup");
  await card.getByLabel("Code from the app").fill("000000" === totpCode(secret) ? "111111" : "000000");
  await card.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(card.getByText("That code is not right.")).toBeVisible();
  await card.getByLabel("Code from the app").fill(totpCode(secret));
  await card.getByRole("button", { name: "Turn on two-factor" }).click();
  const codes = card.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent()) ?? "";
  await checkLayouts(page, "account-recovery-codes");

  const fresh = await newPage(browser);
  await fresh.goto("/admin/sign-in");
  await fillSignIn(fresh, account);
  const code = fresh.getByLabel("Two-factor code");
  await expect(code).toBeFocused();
  await checkLayouts(fresh, "sign-in-code");
  await code.fill("123456" === totpCode(secret) ? "654321" : "123456");
  await fresh.getByRole("button", { name: "Verify" }).click();
  await expect(fresh.getByRole("main").getByRole("alert")).toContainText("That code is not right");
  // The next step's code: the current one was used to turn two-factor on, and cannot be used again.
  await code.fill(totpCode(secret, new Date(Date.now() + 30_000)));
  await fresh.getByRole("button", { name: "Verify" }).click();
  await expect(fresh.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  await fresh.context().close();

  const withRecovery = await newPage(browser);
  await withRecovery.goto("/admin/sign-in");
  await fillSignIn(withRecovery, account);
  await withRecovery.getByLabel("Two-factor code").fill(recovery);
  await withRecovery.getByRole("button", { name: "Verify" }).click();
  await expect(withRecovery.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  await withRecovery.goto("/admin/account");
  await expect(withRecovery.getByText("Recovery codes left: 9.")).toBeVisible();
  await withRecovery.context().close();
});

test("when an admin requires two-factor, staff without it are sent to set it up first", async ({ page }) => {
  const account = await withDb((db) => makeStaff(db));
  await withDb((db) =>
    db.pageSettings.upsert({
      where: { id: 1 },
      create: { name: "Status", requireTwoFactor: true },
      update: { requireTwoFactor: true },
    }),
  );
  try {
    await page.goto("/admin/sign-in");
    await fillSignIn(page, account);
    await expect(page).toHaveURL(/\/admin\/account$/);
    await page.goto("/admin/components");
    await expect(page).toHaveURL(/\/admin\/account$/);
    await expect(page.getByText("An admin requires two-factor")).toBeVisible();
  } finally {
    await withDb((db) => db.pageSettings.update({ where: { id: 1 }, data: { requireTwoFactor: false } }));
  }
});

test("an incident with no update for the reminder interval is flagged on the dashboard and its page", async ({ page }) => {
  const name = `Quiet ${stamp()}`;
  const { id } = await withDb(async (db) => {
    const incident = await makeIncident(db, { name });
    const longAgo = new Date(Date.now() - 47 * 60_000);
    await db.incident.update({ where: { id: incident.id }, data: { createdAt: longAgo } });
    await db.incidentUpdate.updateMany({ where: { incidentId: incident.id }, data: { createdAt: longAgo } });
    return incident;
  });
  await signIn(page, ADMIN);
  const notice = page.getByRole("region", { name: "Needs an update" });
  await expect(notice.getByRole("link", { name })).toBeVisible();
  await expect(notice).toContainText(`${name}: no update for 47 min`);
  await checkLayouts(page, "dashboard-quiet");
  await notice.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByText("No update for 47 min.")).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/admin/incidents/${id}`);
  await page.goto("/admin/settings");
  const staffSettings = page.getByRole("region", { name: "Staff" });
  await expect(staffSettings.getByLabel("Remind staff of an open incident with no update after")).toHaveValue("30");
  await checkLayouts(page, "settings-staff");
});

test("public incident pages show “Edit in admin” to signed-in staff only, from HTML that is the same for everyone", async ({
  page,
  browser,
  baseURL,
}) => {
  const name = `Public edit ${stamp()}`;
  const { id } = await withDb((db) => makeIncident(db, { name }));
  const anonymous = await newPage(browser);
  await anonymous.goto(`/incidents/${id}`);
  await expect(anonymous.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(anonymous.getByRole("link", { name: "Edit in admin" })).toHaveCount(0);

  await signIn(page, ADMIN);
  // The admin marks the browser as a staff member's once its page has run its script.
  await expect
    .poll(async () => (await page.context().cookies()).some((cookie) => cookie.name === "upstate-staff" && cookie.value === "1"))
    .toBe(true);
  await page.goto(`/incidents/${id}`);
  const edit = page.getByRole("link", { name: "Edit in admin" });
  await expect(edit).toBeVisible();
  await expect(edit).toHaveAttribute("href", `/admin/incidents/${id}`);
  await checkLayouts(page, "public-incident-staff");
  await edit.click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

  // The server's answer carries no staff data, signed in or not: the link is the browser's doing.
  const staffRequest = await signedInContext(baseURL!, ADMIN);
  const plainRequest = await request.newContext({ baseURL });
  for (const context of [staffRequest, plainRequest]) {
    const response = await context.get(`/incidents/${id}`);
    const html = await response.text();
    expect(html).toContain(name);
    expect(html).not.toContain("Edit in admin");
    expect(html).not.toContain(ADMIN.email);
    expect(response.headers()["set-cookie"] ?? "").not.toContain("upstate-staff");
  }
  await Promise.all([staffRequest.dispose(), plainRequest.dispose()]);

  // Signing out takes the link away.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Upstate" })).toBeVisible();
  await page.goto(`/incidents/${id}`);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit in admin" })).toHaveCount(0);
  await anonymous.context().close();
});
