// Browser tests against the production build: builds if needed, starts Upstate on fresh
// databases (DATABASE_URL's server, or an embedded one), runs Playwright, stops everything.
//
// Playwright's workers run side by side, each against a server and database of its own (see
// playwright.config.ts), so that tests which change the demo page never meet another worker's.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { appendFileSync } from "node:fs";
import path from "node:path";
import { findChromium } from "../e2e/chromium.ts";
import { ROOT_DIR } from "../lib/config.ts";
import { freePort } from "../lib/db/embedded.ts";
import { buildApp, buildIsCurrent } from "../lib/server/build.ts";
import { createScratchDatabase, openTestServer, type TestServer } from "../tests/support/scratch-database.ts";
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
 * Side-by-side workers of the main run, each with its own server: two by default, as many as
 * the smallest machine this runs on has cores. E2E_WORKERS changes it; a run of one spec file
 * needs one.
 */
function mainWorkers(mainSpecFiles: number): number {
  const wanted = Number(process.env.E2E_WORKERS) || 2;
  return mainSpecFiles === 1 ? 1 : Math.max(1, wanted);
}

/** Each step's time, printed at the end and, for `npm test`'s summary, written to E2E_PHASE_TIMES_FILE. */
const times: string[] = [];
async function timed<T>(name: string, work: () => Promise<T>, outcome: (result: T) => string = () => "passed"): Promise<T> {
  const started = Date.now();
  const record = (result: string) => {
    const seconds = Math.round((Date.now() - started) / 1000);
    times.push(`${name.padEnd(38)} ${String(seconds).padStart(6)}s  ${result}`);
    console.log(`== ${name}: ${seconds}s, ${result}`);
  };
  try {
    const result = await work();
    record(outcome(result));
    return result;
  } catch (error) {
    record("FAILED");
    throw error;
  }
}

/** The environment the build and the server read for a run at the host's root or under a path. */
const appEnvFor = (basePath: string, appUrl: string): Record<string, string> =>
  basePath ? { UPSTATE_DIST_DIR: ".next-base-path", PUBLIC_URL: appUrl } : {};

async function ensureBuild(basePath: string) {
  // The URL's host does not matter to the build, only its path.
  const buildEnv = { ...process.env, ...appEnvFor(basePath, `http://127.0.0.1${basePath}`) };
  if (await buildIsCurrent(ROOT_DIR, buildEnv)) return "current, reused";
  await buildApp(ROOT_DIR, buildEnv);
  return "built";
}

/** What playwright.config.ts reads from E2E_SERVERS: one per worker. */
type AppServer = { baseUrl: string; basePath: string; databaseUrl: string; oidcPort: number; smtpPort: number };

/** One Upstate on a fresh database, seeded with the demo page, with its own OpenID Connect port. */
async function startApp(server: TestServer, basePath: string): Promise<AppServer & { stop: () => Promise<void> }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const appUrl = `${origin}${basePath}`;
  const database = await createScratchDatabase(server.adminUrl, "upstate_e2e");
  // e2e/admin-sso.spec.ts starts an OpenID Connect provider on this port.
  const oidcPort = await freePort();
  // e2e/subscribe-email.spec.ts runs the SMTP server the app sends mail to on this port.
  const smtpPort = await freePort();
  const app: ChildProcess = spawn(process.execPath, [path.join(ROOT_DIR, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      ...appEnvFor(basePath, appUrl),
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
      // Due maintenance starts within 2 s instead of 15 (e2e/admin-pages.spec.ts waits for it).
      UPSTATE_SCHEDULER_INTERVAL_MS: "2000",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const stop = async () => {
    if (app.exitCode === null && app.signalCode === null) {
      app.kill("SIGTERM");
      await once(app, "exit");
    }
    await database.drop().catch(() => {});
  };
  try {
    // Not the home page, so that a test can tell whether the server rendered it before it was asked.
    // A generous limit: on a machine shared by many, a start (migrate, seed, render) can take minutes.
    await waitForServer(`${appUrl}/api/v2/status.json`, { exited: () => app.exitCode !== null, timeoutMs: 600_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: origin, basePath, databaseUrl: database.url, oidcPort, smtpPort, stop };
}

/** One Playwright run against `workers` servers of a build at the host's root or under `basePath`. */
async function runSuite(options: { name: string; basePath: string; workers: number; playwrightArgs: string[] }) {
  try {
    await timed(
      `build (${options.name})`,
      () => ensureBuild(options.basePath),
      (result) => result,
    );
  } catch (error) {
    console.error(`Browser tests could not run: ${(error as Error).message}`);
    return 1;
  }
  const server = await openTestServer();
  const apps: Awaited<ReturnType<typeof startApp>>[] = [];
  try {
    await timed(`start ${options.workers} server(s) (${options.name})`, async () => {
      const started = await Promise.allSettled(Array.from({ length: options.workers }, () => startApp(server, options.basePath)));
      for (const result of started) if (result.status === "fulfilled") apps.push(result.value);
      const failure = started.find((result) => result.status === "rejected");
      if (failure) throw failure.reason;
    });
    const servers: AppServer[] = apps.map(({ baseUrl, basePath, databaseUrl, oidcPort, smtpPort }) => ({
      baseUrl,
      basePath,
      databaseUrl,
      oidcPort,
      smtpPort,
    }));
    return await timed(
      `playwright (${options.name})`,
      async () => {
        const runner = spawn(
          process.execPath,
          [path.join(ROOT_DIR, "node_modules/@playwright/test/cli.js"), "test", ...options.playwrightArgs],
          {
            cwd: ROOT_DIR,
            env: {
              ...process.env,
              E2E_SERVERS: JSON.stringify(servers),
              // For anything reading these directly: the first server (playwright.config.ts sets
              // each worker's own).
              E2E_BASE_URL: servers[0]!.baseUrl,
              E2E_BASE_PATH: options.basePath,
              E2E_DATABASE_URL: servers[0]!.databaseUrl,
              E2E_OIDC_PORT: String(servers[0]!.oidcPort),
              E2E_SMTP_PORT: String(servers[0]!.smtpPort),
              PLAYWRIGHT_BROWSERS_PATH: "0",
            },
            stdio: "inherit",
          },
        );
        const [code] = (await once(runner, "exit")) as [number | null];
        return code ?? 1;
      },
      (code) => (code === 0 ? "passed" : `FAILED (exit code ${code})`),
    );
  } catch (error) {
    console.error(`Browser tests could not run: ${(error as Error).message}`);
    return 1;
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await server.close().catch(() => {});
  }
}

const options = args.filter((a) => !isSpec(a));
let exitCode = 0;
if (wantsMain) {
  const mainSpecs = specs.filter((s) => !isBasePathSpec(s));
  const mainSpecFiles = new Set(mainSpecs.map((s) => s.split(":")[0])).size;
  exitCode = await runSuite({
    name: "main",
    basePath: "",
    workers: mainWorkers(mainSpecFiles),
    playwrightArgs: [...options, ...mainSpecs],
  });
}
if (wantsBasePath) {
  console.log("\n== the same app built to be served under /status (e2e/base-path.spec.ts)");
  // Run even after a failure above, so that one report covers both builds.
  // --pass-with-no-tests: a -g filter given for the main run may match nothing here.
  const basePathSpecs = specs.filter(isBasePathSpec);
  const code = await runSuite({
    name: "under /status",
    basePath: "/status",
    workers: 1,
    playwrightArgs: [...options, "--pass-with-no-tests", ...(basePathSpecs.length ? basePathSpecs : [BASE_PATH_SPEC])],
  });
  exitCode ||= code;
}
console.log(`\n== browser test steps\n${times.map((line) => `  ${line}`).join("\n")}`);
if (process.env.E2E_PHASE_TIMES_FILE) appendFileSync(process.env.E2E_PHASE_TIMES_FILE, `${times.join("\n")}\n`);
process.exit(exitCode);
