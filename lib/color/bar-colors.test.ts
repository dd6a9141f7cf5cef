import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contrastRatio, resolveCssVar } from "./contrast.ts";

// Reads the colours the page actually uses: the bar variables in app/globals.css, resolved
// against Tailwind's theme, checked against the component card's background (bg-white /
// dark:bg-gray-900 in components/status/component-list.tsx).
const css = readFileSync(new URL("../../app/globals.css", import.meta.url), "utf8");
const theme = readFileSync(new URL("../../node_modules/tailwindcss/theme.css", import.meta.url), "utf8");
const cardList = readFileSync(new URL("../../components/status/component-list.tsx", import.meta.url), "utf8");

function declarations(block: string): Map<string, string> {
  return new Map([...block.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const themeColors = declarations(theme);
const lightBlock = /:root\s*\{([^}]*--bar-none[^}]*)\}/.exec(css)?.[1] ?? "";
const darkBlock = /@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{([^}]*--bar-[^}]*)\}/.exec(css)?.[1] ?? "";
const light = declarations(lightBlock);
const dark = new Map([...light, ...declarations(darkBlock)]);
const BARS = ["--bar-none", "--bar-operational", "--bar-maintenance", "--bar-degraded", "--bar-partial", "--bar-major"];

function cardBackground(scheme: "light" | "dark"): string {
  const classes = /className="([^"]*\bbg-white\b[^"]*)"/.exec(cardList)?.[1] ?? "";
  const name = scheme === "light" ? /(?:^|\s)bg-([\w-]+)/.exec(classes)?.[1] : /dark:bg-([\w-]+)/.exec(classes)?.[1];
  if (!name) throw new Error(`No ${scheme} card background in component-list.tsx`);
  return name === "white" ? "#ffffff" : resolveCssVar(`var(--color-${name})`, themeColors);
}

describe("uptime bar colours", () => {
  it("are all defined for light and dark", () => {
    expect(lightBlock).not.toBe("");
    expect(darkBlock).not.toBe("");
    for (const bar of BARS) {
      expect(light.has(bar), bar).toBe(true);
    }
  });

  for (const scheme of ["light", "dark"] as const) {
    it(`keep 3:1 non-text contrast against the card in ${scheme} mode`, () => {
      const properties = new Map([...themeColors, ...(scheme === "light" ? light : dark)]);
      const background = cardBackground(scheme);
      const ratios = Object.fromEntries(
        BARS.map((bar) => [bar, Math.round(contrastRatio(resolveCssVar(`var(${bar})`, properties), background) * 100) / 100]),
      );
      for (const [bar, ratio] of Object.entries(ratios)) expect(ratio, `${bar} in ${scheme}`).toBeGreaterThanOrEqual(3);
    });
  }
});

describe("contrastRatio", () => {
  it("matches WCAG's published extremes and a known pair", () => {
    expect(contrastRatio("#000", "#fff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    // Tailwind's white written in oklch is white.
    expect(contrastRatio("oklch(100% 0 0)", "#ffffff")).toBeCloseTo(1, 3);
  });

  it("fails a pale colour on white", () => {
    expect(contrastRatio(resolveCssVar("var(--color-yellow-500)", themeColors), "#ffffff")).toBeLessThan(3);
  });
});
