import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/chromium.ts";

// Run through `npm run test:e2e` (scripts/e2e.ts), which builds, starts one server per worker,
// each on a fresh database, and lists them in E2E_SERVERS.

type AppServer = { baseUrl: string; basePath: string; databaseUrl: string; oidcPort: number; smtpPort: number };
const servers: AppServer[] = process.env.E2E_SERVERS ? JSON.parse(process.env.E2E_SERVERS) : [];

// Each worker process loads this file again, with its slot in TEST_PARALLEL_INDEX (workers
// running at the same time never share one). Pointing the variables the specs read at the
// worker's own server keeps every worker's writes away from the others' pages.
const slot = Number(process.env.TEST_PARALLEL_INDEX);
const own = servers[Number.isInteger(slot) ? slot : 0];
if (own && process.env.TEST_PARALLEL_INDEX !== undefined) {
  process.env.E2E_BASE_URL = own.baseUrl;
  process.env.E2E_BASE_PATH = own.basePath;
  process.env.E2E_DATABASE_URL = own.databaseUrl;
  process.env.E2E_OIDC_PORT = String(own.oidcPort);
  process.env.E2E_SMTP_PORT = String(own.smtpPort);
}

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // Needs the build served under /status, which scripts/e2e.ts makes and runs it against.
  testIgnore: process.env.E2E_BASE_PATH ? [] : ["**/base-path.spec.ts"],
  // A file's tests run in order in one worker (some leave the demo page as the next expects it);
  // files spread over the workers. A file may opt in to spreading its own tests with
  // `test.describe.configure({ mode: "parallel" })`.
  fullyParallel: false,
  workers: Math.max(1, servers.length),
  retries: 0,
  timeout: 90_000,
  // Ceilings for a condition that never comes, not speed requirements: on a two-core machine
  // shared with other work, a sign-in with its first render took over 10 s.
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3000",
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: "off",
  },
});
