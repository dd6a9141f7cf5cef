// Browser tests against the production build: builds if needed, starts Upstate on a fresh
// database (DATABASE_URL's server, or an embedded one), runs Playwright, stops everything.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { findChromium } from "../e2e/chromium.ts";
import { ROOT_DIR } from "../lib/config.ts";
import { freePort } from "../lib/db/embedded.ts";
import { buildApp, buildIsCurrent } from "../lib/server/build.ts";
import { createScratchDatabase, openTestServer } from "../tests/support/scratch-database.ts";
import { waitForServer } from "../tests/support/wait-for-server.ts";

const chromium = findChromium();
if (!chromium) {
  const message = [
    "",
    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
    "!! Browser tests SKIPPED: no Chromium found (looked for /usr/bin/chromium).",
    "!! Install it with:  sudo apt-get update && sudo apt-get install -y chromium",
    "!! (or set CHROMIUM_PATH). REQUIRE_BROWSER_TESTS=1 makes this a failure.",
    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
    "",
  ].join("\n");
  console.error(message);
  process.exit(process.env.REQUIRE_BROWSER_TESTS === "1" ? 1 : 0);
}

if (!(await buildIsCurrent(ROOT_DIR))) await buildApp(ROOT_DIR);

const server = await openTestServer();
const database = await createScratchDatabase(server.adminUrl, "upstate_e2e");
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
// e2e/admin-sso.spec.ts starts an OpenID Connect provider on this port.
const oidcPort = await freePort();
let app: ChildProcess | undefined;

async function cleanUp() {
  if (app && app.exitCode === null) {
    app.kill("SIGTERM");
    await once(app, "exit");
  }
  await database.drop().catch(() => {});
  await server.close().catch(() => {});
}

let exitCode = 1;
try {
  app = spawn(process.execPath, [path.join(ROOT_DIR, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      ADMIN_EMAIL: "e2e-admin@example.com",
      ADMIN_PASSWORD: "e2e-password-123",
      NEXTAUTH_SECRET: "e2e-secret-not-for-production",
      // Sign-in redirects (single sign-on's callback) must come back to the host the browser uses.
      NEXTAUTH_URL: baseUrl,
      OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
      OIDC_CLIENT_ID: "upstate-e2e",
      OIDC_CLIENT_SECRET: "e2e-oidc-secret",
      OIDC_ALLOWED_DOMAIN: "sso.example",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const started = app;
  await waitForServer(baseUrl, { exited: () => started.exitCode !== null });
  const runner = spawn(
    process.execPath,
    [path.join(ROOT_DIR, "node_modules/@playwright/test/cli.js"), "test", ...process.argv.slice(2)],
    {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        E2E_BASE_URL: baseUrl,
        E2E_DATABASE_URL: database.url,
        E2E_OIDC_PORT: String(oidcPort),
        PLAYWRIGHT_BROWSERS_PATH: "0",
      },
      stdio: "inherit",
    },
  );
  const [code] = (await once(runner, "exit")) as [number | null];
  exitCode = code ?? 1;
} catch (error) {
  console.error(`Browser tests could not run: ${(error as Error).message}`);
} finally {
  await cleanUp();
}
process.exit(exitCode);
