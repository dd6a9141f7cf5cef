// `npm start`: migrate, seed, build if needed and serve Upstate. With no DATABASE_URL, runs an
// embedded PostgreSQL with its data in .data/postgres.
import path from "node:path";
import { ConfigError, ROOT_DIR, readConfig } from "../lib/config.ts";
import { checkConnection } from "../lib/db/check-connection.ts";
import { createDb } from "../lib/db/client.ts";
import { type EmbeddedDatabase, ensureWritable, resolveDataDir, startEmbeddedDatabase } from "../lib/db/embedded.ts";
import { migrate } from "../lib/db/migrate.ts";
import { getPageSettings } from "../lib/page/queries.ts";
import { ensurePageSettings, seedDemo } from "../lib/seed/seed-demo.ts";
import { buildApp, buildIsCurrent } from "../lib/server/build.ts";
import { startHttpServer } from "../lib/server/http-server.ts";
import { checkPortFree } from "../lib/server/port.ts";
import { loadOrCreateSecret } from "../lib/server/secret.ts";
import { isValidTimeZone } from "../lib/time/format-instant.ts";
import { basePathOf } from "../lib/urls/base-path.ts";
import { publicUrl } from "../lib/urls/public-url.ts";
import { ensureAdmin } from "../lib/users/ensure-admin.ts";

const dev = process.argv.includes("--dev");
const log = (message: string) => console.log(`[upstate] ${message}`);

let embedded: EmbeddedDatabase | undefined;

async function main() {
  const config = readConfig();
  await checkPortFree(config.port, config.host);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    await server?.close().catch(() => {});
    if (embedded) {
      await embedded.stop().catch(() => {});
      log("embedded PostgreSQL stopped");
    }
    process.exit(0);
  };
  let server: { close: () => Promise<void> } | undefined;
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await ensureWritable(config.dataDir);
  let databaseUrl = config.databaseUrl;
  if (databaseUrl) {
    await checkConnection(databaseUrl);
    log("using the PostgreSQL in DATABASE_URL");
  } else {
    const { dataDir, movedFrom } = await resolveDataDir(path.join(config.dataDir, "postgres"));
    if (movedFrom) {
      log(`${movedFrom} is not reachable by the postgres user (a parent folder is private), so the data lives in ${dataDir}`);
    }
    embedded = await startEmbeddedDatabase({ dataDir });
    databaseUrl = embedded.url;
    log(`embedded PostgreSQL started, data in ${dataDir}`);
  }
  process.env.DATABASE_URL = databaseUrl;

  const applied = await migrate(databaseUrl);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);

  const db = createDb(databaseUrl);
  const admin = await ensureAdmin({
    db,
    email: config.adminEmail,
    password: config.adminPassword,
    reset: config.adminReset,
  });
  // Under a path of PUBLIC_URL (https://example.com/status) the app is built to serve below it.
  const basePath = basePathOf(config.publicUrl);
  const localUrl = `http://localhost:${config.port}${basePath}`;
  if (admin?.outcome === "created" && !config.adminPassword) {
    log(`first start: sign in at ${localUrl}/admin as ${admin.email} with password ${admin.password}`);
    log("this password is shown only once: change it after signing in");
  } else if (admin?.outcome === "created") {
    log(`admin account ${admin.email} created from ADMIN_EMAIL/ADMIN_PASSWORD`);
  } else if (admin?.outcome === "reset") {
    console.warn(
      `[upstate] WARNING: ADMIN_RESET=1 reset the password of ${admin.email} to ADMIN_PASSWORD and re-enabled it as an admin (recorded in the audit log). Remove ADMIN_RESET now, or every restart resets it again.`,
    );
  } else if (admin) {
    log(`admin account ${admin.email} exists: left as it is (ADMIN_PASSWORD is used only to create it)`);
  }
  if (config.seedDemo) {
    if (await seedDemo({ db, publicUrl: config.publicUrl })) log("seeded the demo page (WorkOS)");
  } else {
    await ensurePageSettings(db, config.publicUrl);
  }
  const page = await getPageSettings(db);
  await db.$disconnect();
  if (!isValidTimeZone(page.timeZone)) {
    throw new ConfigError(
      `The page's time zone "${page.timeZone}" (page settings) is not an IANA time zone name such as America/New_York or Europe/Berlin. Fix it in the admin's page settings or in the PageSettings table.`,
    );
  }

  process.env.NEXTAUTH_SECRET = await loadOrCreateSecret(config.dataDir, process.env.NEXTAUTH_SECRET);
  // Sign-in callbacks are absolute URLs too: from the public URL, with next-auth's route spelled
  // out so that a path prefix (https://example.com/status) is kept.
  // A page-settings URL saved for another path (PUBLIC_URL's path changed since) would send
  // sign-in elsewhere: then PUBLIC_URL decides, so that an admin can sign in and fix the settings.
  const savedUrlFits = !page.publicUrl || basePathOf(page.publicUrl) === basePath;
  if (!savedUrlFits) {
    log(
      `warning: the page settings' public URL ${page.publicUrl} has another path than PUBLIC_URL (${basePath || "/"}); sign-in uses PUBLIC_URL until you correct it in /admin/settings`,
    );
  }
  process.env.NEXTAUTH_URL ??= publicUrl({
    pagePublicUrl: savedUrlFits ? page.publicUrl : null,
    env: { PUBLIC_URL: config.publicUrl, PORT: String(config.port) },
    path: "/api/auth",
  });

  if (!dev && !(await buildIsCurrent(ROOT_DIR))) {
    log("building the app (first start or changed sources)…");
    await buildApp(ROOT_DIR);
  }
  server = await startHttpServer({ dir: ROOT_DIR, port: config.port, host: config.host, dev, databaseUrl, basePath });
  log(`Upstate is ready: ${localUrl}${config.publicUrl ? ` (public URL ${config.publicUrl})` : ""}`);
}

main().catch(async (error: unknown) => {
  console.error(`[upstate] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  if (
    process.env.UPSTATE_DEBUG ||
    !(error instanceof Error) ||
    (error.constructor === Error && !(error instanceof ConfigError) && !error.message)
  ) {
    console.error(error);
  }
  await embedded?.stop().catch(() => {});
  process.exit(1);
});
