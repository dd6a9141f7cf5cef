import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/chromium.ts";

// Run through `npm run test:e2e` (scripts/e2e.ts), which builds, starts a server on a fresh
// database and sets E2E_BASE_URL.
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // Needs the build served under /status, which scripts/e2e.ts makes and runs it against.
  testIgnore: process.env.E2E_BASE_PATH ? [] : ["**/base-path.spec.ts"],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3000",
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: "off",
  },
});
