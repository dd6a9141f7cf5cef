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

/** The address bar's popup targets the browser has, by their chrome:// URLs. */
async function omniboxPopups(browser: Browser): Promise<string[]> {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send("Target.getTargets")) as { targetInfos: { url: string }[] };
  await cdp.detach();
  return targetInfos.map((target) => target.url).filter((url) => url.startsWith("chrome://omnibox-popup"));
}

const featuresOf = (args: string[], flag: string) =>
  args.filter((arg) => arg.startsWith(`${flag}=`)).flatMap((arg) => arg.slice(flag.length + 1).split(","));

test("Playwright's own disabled features are all in ours, and without ours a window has an address-bar popup", async () => {
  const plain = await chromium.launch({ executablePath: findChromium(), args: ["--headless", "--no-sandbox"] });
  try {
    const playwrights = featuresOf(await commandLine(plain), "--disable-features");
    expect(playwrights.length).toBeGreaterThan(5);
    expect(playwrights.filter((feature) => !PLAYWRIGHT_DISABLED_FEATURES.includes(feature))).toEqual([]);
    // What the next test checks is gone is there without our flags: should this fail, Chromium
    // no longer renders the popup this way, and OMNIBOX_POPUP_FEATURES may be dropped.
    const context = await plain.newContext();
    await (await context.newPage()).goto("data:text/html,<title>plain</title>");
    await expect.poll(() => omniboxPopups(plain)).not.toEqual([]);
    await context.close();
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
    // Headless turns PaintHolding off by itself: AvoidCorsURLLoaderRestartOnRedirect is the sign
    // that Playwright's list (which a second list replaces whole) arrived.
    expect(off).toEqual(expect.arrayContaining(["AvoidCorsURLLoaderRestartOnRedirect", ...OMNIBOX_POPUP_FEATURES]));
  }

  // The popup comes with the window: without our flags it was there as soon as the page had
  // loaded, in every run of the previous test checked at that point.
  expect(await omniboxPopups(browser)).toEqual([]);
  await context.close();
});
