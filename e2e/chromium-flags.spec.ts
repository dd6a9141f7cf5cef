import { readdirSync, readFileSync } from "node:fs";
import { type Browser, chromium, expect, test } from "@playwright/test";
import { findChromium, OMNIBOX_POPUP_FEATURES, PLAYWRIGHT_DISABLED_FEATURES } from "./chromium.ts";

// The browser tests' Chromium flags (e2e/chromium.ts) replace Playwright's own list of disabled
// features with one that repeats it: these tests fail when Playwright's list changes, or when
// the list stops reaching the browser.

/** The browser's command line, as chrome://version shows it. */
async function commandLine(browser: Browser): Promise<string[]> {
  const page = await browser.newPage();
  await page.goto("chrome://version");
  const line = (await page.locator("#command_line").textContent()) ?? "";
  await page.close();
  return line.split(/\s+/);
}

const featuresOf = (args: string[], flag: string) =>
  args.filter((arg) => arg.startsWith(`${flag}=`)).flatMap((arg) => arg.slice(flag.length + 1).split(","));

test("Playwright's own disabled features are all in ours", async () => {
  const plain = await chromium.launch({ executablePath: findChromium(), args: ["--headless", "--no-sandbox"] });
  try {
    const playwrights = featuresOf(await commandLine(plain), "--disable-features");
    expect(playwrights.length).toBeGreaterThan(5);
    expect(playwrights.filter((feature) => !PLAYWRIGHT_DISABLED_FEATURES.includes(feature))).toEqual([]);
  } finally {
    await plain.close();
  }
});

test("the page's renderer runs with Playwright's disabled features and ours, and no address-bar popup renders", async ({
  browser,
}) => {
  const dataDir = (await commandLine(browser)).find((arg) => arg.startsWith("--user-data-dir="));
  expect(dataDir).toBeTruthy();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("data:text/html,<title>flags</title><p>flags</p>");

  // What the browser applied: it hands each renderer the features it turned off.
  const renderers = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        // A renderer rewrites its command line as one line with spaces (its title in `ps`).
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").split(/[\0\s]+/);
      } catch {
        return []; // a process that ended meanwhile
      }
    })
    .filter((args) => args.includes("--type=renderer") && args.includes(dataDir!));
  expect(renderers.length).toBeGreaterThan(0);
  for (const args of renderers) {
    const off = featuresOf(args, "--disable-features");
    expect(off).toEqual(
      expect.arrayContaining(["AvoidCorsURLLoaderRestartOnRedirect", "PaintHolding", ...OMNIBOX_POPUP_FEATURES]),
    );
  }

  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send("Target.getTargets")) as { targetInfos: { url: string }[] };
  expect(targetInfos.map((target) => target.url).filter((url) => url.startsWith("chrome://omnibox-popup"))).toEqual([]);
  await cdp.detach();
  await context.close();
});
