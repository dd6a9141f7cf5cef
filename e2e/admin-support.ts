import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { postSignIn } from "./security-support.ts";

export const ADMIN = { email: "e2e-admin@example.com", password: "e2e-password-123" };

/** Scans the page (or only the part `include` selects, where the rest is scanned elsewhere) with axe. */
export async function expectNoAxeViolations(page: Page, options: { include?: string } = {}) {
  // Next.js streams the title after the page's content: check the page once it has arrived.
  await expect(page).toHaveTitle(/\S/);
  // One axe.run in the page (it injects itself into same-origin frames; these pages have no
  // other), collecting only the violations' nodes: axe's default here runs each frame apart, then
  // merges the results in a new blank page, which took 4-8 s a scan where this takes about 1 s, with the
  // same rules over the same elements.
  const builder = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ["violations"] });
  const results = await (options.include ? builder.include(options.include) : builder).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/**
 * Signs the page's browser in as this account, then opens `at` (the incidents dashboard unless
 * told). The session comes from next-auth's credentials endpoint (postSignIn), sent from the
 * page's context so that its cookies are the browser's: a test about something else does not pay
 * for the sign-in page's load and the dashboard's in between. The form itself is used by
 * signInThroughForm and the sign-in tests.
 */
export async function signIn(page: Page, account: { email: string; password: string } = ADMIN, at = "/admin") {
  await postSignIn(page.request, account);
  await page.goto(at);
  // Signed in, the page is the one asked for, not the sign-in page or a two-factor set-up.
  expect(new URL(page.url()).pathname, `signed in as ${account.email}, opening ${at}`).toBe(new URL(at, page.url()).pathname);
  if (at === "/admin") await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
}

/** Fills the sign-in page's form with this account and sends it. */
export async function fillSignIn(page: Page, account: { email: string; password: string }) {
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in the way staff do: the sign-in page's form, landing on the incidents dashboard. */
export async function signInThroughForm(page: Page, account: { email: string; password: string } = ADMIN) {
  await page.goto("/admin/sign-in");
  await fillSignIn(page, account);
  await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
}

export const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** The text of a public page's main content as a reader sees it, read in a second tab. */
export async function publicText(page: Page, path: string) {
  const publicPage = await page.context().newPage();
  await publicPage.goto(path);
  // Read once the browser-only parts ("Edit in admin", the time-zone switch) are rendered.
  await publicPage.locator("html[data-hydrated]").waitFor({ state: "attached" });
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
  const text = squash(await publicPage.locator("main").innerText());
  await publicPage.close();
  return text;
}
