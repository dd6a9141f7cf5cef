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

const BASE_PATH_SPEC = "e2e/base-path.spec.ts";
const args = process.argv.slice(2);
// A spec file, possibly with line numbers (`e2e/admin-flow.spec.ts:12`); other arguments are options.
const isSpec = (a: string) => /\.spec\.ts(:\d+)*$/.test(a);
const specs = args.filter(isSpec);
const isBasePathSpec = (s: string) => s.split(":")[0]!.endsWith(BASE_PATH_SPEC);
const wantsMain = specs.length === 0 || specs.some((s) => !isBasePathSpec(s));
const wantsBasePath = specs.length === 0 || specs.some(isBasePathSpec);

/**
 * One Playwright run against a production build of its own: the main one at the host's root,
 * or one built to be served under `/status` (a second build, in UPSTATE_DIST_DIR) for
 * e2e/base-path.spec.ts.
 */
async function runSuite(options: { basePath: string; playwrightArgs: string[] }): Promise<number> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const appUrl = `${origin}${options.basePath}`;
  // Read by the build (next.config.js, lib/server/build.ts) and by the server.
  const appEnv = options.basePath ? { UPSTATE_DIST_DIR: ".next-base-path", PUBLIC_URL: appUrl } : {};
  const buildEnv = { ...process.env, ...appEnv };
  if (!(await buildIsCurrent(ROOT_DIR, buildEnv))) await buildApp(ROOT_DIR, buildEnv);

  const server = await openTestServer();
  const database = await createScratchDatabase(server.adminUrl, "upstate_e2e");
  // e2e/admin-sso.spec.ts starts an OpenID Connect provider on this port.
  const oidcPort = await freePort();
  // e2e/subscribe-email.spec.ts runs the SMTP server the app sends mail to on this port.
  const smtpPort = await freePort();
  let app: ChildProcess | undefined;

  async function cleanUp() {
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await once(app, "exit");
    }
    await database.drop().catch(() => {});
    await server.close().catch(() => {});
  }

  try {
    app = spawn(process.execPath, [path.join(ROOT_DIR, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        ...appEnv,
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        ADMIN_EMAIL: "e2e-admin@example.com",
        ADMIN_PASSWORD: "e2e-password-123",
        NEXTAUTH_SECRET: "e2e-secret-not-for-production",
        // Sign-in redirects (single sign-on's callback) must come back to the host the browser uses.
        NEXTAUTH_URL: `${appUrl}/api/auth`,
        OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
        OIDC_CLIENT_ID: "upstate-e2e",
        OIDC_CLIENT_SECRET: "e2e-oidc-secret",
        OIDC_ALLOWED_DOMAIN: "sso.example",
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: "status@example.com",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const started = app;
    // Not the home page, so that a test can tell whether the server rendered it before it was asked.
    await waitForServer(`${appUrl}/api/v2/status.json`, { exited: () => started.exitCode !== null });
    const runner = spawn(
      process.execPath,
      [path.join(ROOT_DIR, "node_modules/@playwright/test/cli.js"), "test", ...options.playwrightArgs],
      {
        cwd: ROOT_DIR,
        env: {
          ...process.env,
          E2E_BASE_URL: origin,
          E2E_BASE_PATH: options.basePath,
          E2E_DATABASE_URL: database.url,
          E2E_OIDC_PORT: String(oidcPort),
          E2E_SMTP_PORT: String(smtpPort),
          PLAYWRIGHT_BROWSERS_PATH: "0",
        },
        stdio: "inherit",
      },
    );
    const [code] = (await once(runner, "exit")) as [number | null];
    return code ?? 1;
  } catch (error) {
    console.error(`Browser tests could not run: ${(error as Error).message}`);
    return 1;
  } finally {
    await cleanUp();
  }
}

const options = args.filter((a) => !isSpec(a));
let exitCode = 0;
if (wantsMain) {
  const mainSpecs = specs.filter((s) => !isBasePathSpec(s));
  exitCode = await runSuite({ basePath: "", playwrightArgs: [...options, ...mainSpecs] });
}
if (wantsBasePath) {
  console.log("\n== the same app built to be served under /status (e2e/base-path.spec.ts)");
  // Run even after a failure above, so that one report covers both builds.
  // --pass-with-no-tests: a -g filter given for the main run may match nothing here.
  const basePathSpecs = specs.filter(isBasePathSpec);
  const code = await runSuite({
    basePath: "/status",
    playwrightArgs: [...options, "--pass-with-no-tests", ...(basePathSpecs.length ? basePathSpecs : [BASE_PATH_SPEC])],
  });
  exitCode ||= code;
}
process.exit(exitCode);
