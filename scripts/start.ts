// `npm start`: migrate, seed, build if needed and serve Upstate. With no DATABASE_URL, runs an
// embedded PostgreSQL with its data in .data/postgres. When the PostgreSQL in DATABASE_URL is
// unreachable (a restart during an outage), serves the public pages saved by the last run and
// retries; once the database is back, it carries on as usual.
import path from "node:path";
import { ensureBootstrapApiKey } from "../lib/api-keys/ensure-bootstrap-api-key.ts";
import { ConfigError, ROOT_DIR, readConfig } from "../lib/config.ts";
import {
  checkConnection,
  DatabaseConnectionError,
  describeDatabase,
  isUnreachable,
  waitForDatabase,
} from "../lib/db/check-connection.ts";
import { createDb } from "../lib/db/client.ts";
import { type EmbeddedDatabase, ensureWritable, resolveDataDir, startEmbeddedDatabase } from "../lib/db/embedded.ts";
import { migrate } from "../lib/db/migrate.ts";
import { getPageSettings } from "../lib/page/queries.ts";
import { ensurePageSettings, seedDemo } from "../lib/seed/seed-demo.ts";
import { buildIsCurrent, ensureBuilt } from "../lib/server/build.ts";
import { type RunningServer, startHttpServer } from "../lib/server/http-server.ts";
import { PAGE_SNAPSHOT_FILE } from "../lib/server/page-snapshot.ts";
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
  // `npm run dev -- --cache` (or UPSTATE_DEV_CACHE=1) serves through the response cache, as `npm start` does.
  const cache = !dev || process.argv.includes("--cache") || process.env.UPSTATE_DEV_CACHE === "1";
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
  let server: RunningServer | undefined;
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await ensureWritable(config.dataDir);
  const snapshotFile = path.join(config.dataDir, PAGE_SNAPSHOT_FILE);
  // Under a path of PUBLIC_URL (https://example.com/status) the app is built to serve below it.
  const basePath = basePathOf(config.publicUrl);
  const localUrl = `http://localhost:${config.port}${basePath}`;
  const nextAuthUrlSet = Boolean(process.env.NEXTAUTH_URL);
  let databaseUrl = config.databaseUrl;
  if (config.databaseReplicaUrl) {
    log(
      cache
        ? `public pages read from the replica at ${describeDatabase(config.databaseReplicaUrl)} once it has replayed each change (DATABASE_REPLICA_URL)`
        : "DATABASE_REPLICA_URL is used behind the response cache only: this development server reads everything from DATABASE_URL",
    );
  }
  if (databaseUrl) {
    const outage = await checkConnection(databaseUrl).then(
      () => null,
      (error: unknown) => {
        if (dev || !(error instanceof DatabaseConnectionError) || !error.unreachable) throw error;
        return error;
      },
    );
    if (outage) {
      // Serve what the last run saved rather than nothing; migrations and the rest wait.
      log(
        `PostgreSQL at ${outage.where} is unreachable (${outage.reason}); serving the last saved public pages from ${snapshotFile} and retrying every 2 s`,
      );
      process.env.DATABASE_URL = databaseUrl;
      await configureAuth(null);
      await buildIfNeeded();
      server = await startHttpServer({ ...serverOptions(databaseUrl), warm: false });
      const saved = server.cache?.size ?? 0;
      log(
        saved
          ? `Upstate is serving ${saved} saved public pages at ${localUrl} until PostgreSQL is back; other pages answer 503`
          : `no public pages were saved yet: every page answers 503 at ${localUrl} until PostgreSQL is back`,
      );
      await prepareWhenReachable(databaseUrl, outage.reason);
      await server.refreshPublicPages();
      log(`PostgreSQL is back: Upstate is ready: ${localUrl}`);
      return;
    }
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
  const page = await prepareDatabase(databaseUrl);
  await configureAuth(page);
  await buildIfNeeded();
  server = await startHttpServer(serverOptions(databaseUrl));
  log(`Upstate is ready: ${localUrl}${config.publicUrl ? ` (public URL ${config.publicUrl})` : ""}`);

  function serverOptions(url: string) {
    return {
      dir: ROOT_DIR,
      port: config.port,
      host: config.host,
      dev,
      databaseUrl: url,
      databaseReplicaUrl: config.databaseReplicaUrl,
      basePath,
      snapshotFile,
      cache,
    };
  }

  async function buildIfNeeded() {
    if (!dev && !(await buildIsCurrent(ROOT_DIR))) {
      log("building the app (first start or changed sources)…");
      // Under a lock: two instances started together in one folder build once.
      await ensureBuilt(ROOT_DIR);
    }
  }

  /** Waits for the database, then prepares it; starts waiting again if it goes away meanwhile. */
  async function prepareWhenReachable(url: string, reason: string) {
    let lastReason = reason;
    while (true) {
      await waitForDatabase(url, { log, firstReason: lastReason });
      log(`PostgreSQL at ${describeDatabase(url)} is reachable again`);
      try {
        await configureAuth(await prepareDatabase(url));
        return;
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        lastReason = (error as Error).message;
        log(`PostgreSQL went away again while preparing it (${lastReason}); retrying`);
      }
    }
  }

  /** Migrates, makes sure of the admin account and page settings, and returns those settings. */
  async function prepareDatabase(url: string) {
    const applied = await migrate(url);
    if (applied.length) log(`applied migrations: ${applied.join(", ")}`);

    const db = createDb(url);
    try {
      const admin = await ensureAdmin({
        db,
        email: config.adminEmail,
        password: config.adminPassword,
        reset: config.adminReset,
      });
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
      if (config.bootstrapApiKey) {
        const key = await ensureBootstrapApiKey({ db, secret: config.bootstrapApiKey });
        if (key.outcome !== "exists") log(`API key "bootstrap" (${key.prefix}…) ${key.outcome} from UPSTATE_BOOTSTRAP_API_KEY`);
      }
      if (config.seedDemo) {
        if (await seedDemo({ db, publicUrl: config.publicUrl })) log("seeded the demo page (WorkOS)");
      } else {
        await ensurePageSettings(db, config.publicUrl);
      }
      const page = await getPageSettings(db);
      if (!isValidTimeZone(page.timeZone)) {
        throw new ConfigError(
          `The page's time zone "${page.timeZone}" (page settings) is not an IANA time zone name such as America/New_York or Europe/Berlin. Fix it in the admin's page settings or in the PageSettings table.`,
        );
      }
      return page;
    } finally {
      await db.$disconnect();
    }
  }

  /**
   * Sets next-auth's secret and URL. Without the page settings (the database is away), the URL
   * comes from PUBLIC_URL alone, and is set again from the settings once they can be read.
   */
  async function configureAuth(page: { publicUrl: string | null } | null) {
    process.env.NEXTAUTH_SECRET = await loadOrCreateSecret(config.dataDir, process.env.NEXTAUTH_SECRET);
    if (nextAuthUrlSet) return;
    // Sign-in callbacks are absolute URLs too: from the public URL, with next-auth's route spelled
    // out so that a path prefix (https://example.com/status) is kept.
    // A page-settings URL saved for another path (PUBLIC_URL's path changed since) would send
    // sign-in elsewhere: then PUBLIC_URL decides, so that an admin can sign in and fix the settings.
    const savedUrlFits = !page?.publicUrl || basePathOf(page.publicUrl) === basePath;
    if (!savedUrlFits) {
      log(
        `warning: the page settings' public URL ${page?.publicUrl} has another path than PUBLIC_URL (${basePath || "/"}); sign-in uses PUBLIC_URL until you correct it in /admin/settings`,
      );
    }
    process.env.NEXTAUTH_URL = publicUrl({
      pagePublicUrl: savedUrlFits ? (page?.publicUrl ?? null) : null,
      env: { PUBLIC_URL: config.publicUrl, PORT: String(config.port) },
      path: "/api/auth",
    });
  }
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
