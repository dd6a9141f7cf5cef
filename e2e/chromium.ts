import { existsSync } from "node:fs";

// Debian's Chromium: Playwright must never download a browser of its own here.
export const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
  Boolean,
) as string[];

export function findChromium(): string | undefined {
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // Chromium 156 renders the address bar's suggestion popups (chrome://omnibox-popup.top-chrome/)
  // in a renderer of their own for every window, so for every browser context a test opens, even
  // headless, where nothing can show them: about a third of a CPU-second each, on two cores
  // shared with the servers under test. Chromium merges this list with Playwright's own (its
  // renderers are told of both).
  "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
];
