// Screenshots of pages as people see them: desktop and 375 px wide, light and dark.
// Usage: npm run screenshot -- http://localhost:3000 / /history  (PNGs go to ./screenshots)
// Admin pages: set SCREENSHOT_EMAIL and SCREENSHOT_PASSWORD to sign in first.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../e2e/chromium.ts";

const [base = "http://localhost:3000", ...paths] = process.argv.slice(2);
const out = path.resolve("screenshots");
await mkdir(out, { recursive: true });
const executablePath = findChromium();
if (!executablePath) throw new Error("Chromium not found: apt-get install -y chromium");
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
let storageState: Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>> | undefined;
if (process.env.SCREENSHOT_EMAIL) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL("/admin/sign-in", base).toString());
  await page.getByLabel("Email").fill(process.env.SCREENSHOT_EMAIL);
  await page.getByLabel("Password").fill(process.env.SCREENSHOT_PASSWORD ?? "");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/admin/sign-in"));
  storageState = await context.storageState();
  await context.close();
}
for (const p of paths.length ? paths : ["/"]) {
  for (const [label, width] of [
    ["desktop", 1280],
    ["mobile", 375],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme, storageState });
      await page.goto(new URL(p, base).toString(), { waitUntil: "networkidle" });
      const file = path.join(out, `${p.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}-${label}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await page.close();
      console.log(file);
    }
  }
}
await browser.close();
