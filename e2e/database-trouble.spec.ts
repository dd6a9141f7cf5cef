import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { type EmbeddedDatabase, freePort, startEmbeddedDatabase } from "../lib/db/embedded.ts";
import { waitForServer } from "../tests/support/wait-for-server.ts";
import { fillSignIn } from "./admin-support.ts";

// Staff with the database busy or gone, in a real browser against the production build: plain
// words within seconds, what they typed kept, and nothing about the database server in any URL.

const ROOT = path.resolve(import.meta.dirname, "..");
const ADMIN = { email: "trouble-admin@example.com", password: "trouble-password-123" };

test.describe("staff with the database busy or unreachable", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  let dir: string;
  let db: EmbeddedDatabase;
  let app: ChildProcess;
  let base: string;
  const urlsSeen: string[] = [];

  test.beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "upstate-trouble-"));
    await chmod(dir, 0o755);
    db = await startEmbeddedDatabase({ dataDir: path.join(dir, "postgres"), log: () => {} });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        UPSTATE_DATA_DIR: dir,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        NEXTAUTH_SECRET: "trouble-secret-not-for-production",
        NEXTAUTH_URL: `${base}/api/auth`,
        UPSTATE_SCHEDULER: "0",
      },
      stdio: "inherit",
    });
    await waitForServer(base, { exited: () => app.exitCode !== null });
  });

  test.afterAll(async () => {
    if (app?.exitCode === null) {
      app.kill("SIGTERM");
      await once(app, "exit");
    }
    await db?.stop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  function watchUrls(page: Page) {
    page.on("request", (request) => urlsSeen.push(request.url()));
    page.on("framenavigated", (frame) => urlsSeen.push(frame.url()));
  }

  async function signIn(page: Page) {
    await page.goto(`${base}/admin/sign-in`);
    await fillSignIn(page, ADMIN);
  }

  test("posting an update while another change holds a lock says the database is busy, and keeps the text", async ({ page }) => {
    watchUrls(page);
    await signIn(page);
    await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: "New incident" }).click();
    await page.getByLabel("Name").fill("Slow database");
    await page.getByLabel("Message").fill("Looking into it.");
    await page.getByRole("button", { name: "Open incident" }).click();
    await expect(page.getByRole("heading", { name: "Slow database", level: 1 })).toBeVisible();

    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query(`BEGIN; LOCK TABLE "Incident" IN ACCESS EXCLUSIVE MODE`);
      const form = page.getByRole("region", { name: "Post an update" });
      await form.getByLabel("Message").fill("Written while the table was locked.");
      await form.getByRole("button", { name: "Post update" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toContainText(
        "The database is busy (another change is holding a lock); nothing was saved.",
      );
      await expect(form.getByLabel("Message")).toHaveValue("Written while the table was locked.");
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
  });

  test("with the database stopped, an action and a sign-in say it cannot be reached, naming no server", async ({
    page,
    browser,
  }) => {
    watchUrls(page);
    await signIn(page);
    await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: "New incident" }).click();
    await page.getByLabel("Name").fill("Database gone");
    await page.getByLabel("Message").fill("Typed before the database stopped.");
    await db.stop();

    await page.getByRole("button", { name: "Open incident" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("The database cannot be reached; nothing was saved.");
    await expect(page.getByLabel("Message")).toHaveValue("Typed before the database stopped.");

    const signedOut = await browser.newContext();
    const signInPage = await signedOut.newPage();
    watchUrls(signInPage);
    await signIn(signInPage);
    await expect(signInPage.getByRole("main").getByRole("alert")).toHaveText(
      "The database cannot be reached, so nobody can sign in right now. Try again in a moment.",
    );
    await signedOut.close();

    const socketDir = new URL(db.url).searchParams.get("host")!;
    for (const url of urlsSeen) {
      const decoded = decodeURIComponent(url);
      expect(decoded, url).not.toMatch(/postgres|prisma|reach database/i);
      expect(decoded, url).not.toContain(socketDir);
      expect(decoded, url).not.toContain(`:${new URL(db.url).port}`);
    }
  });
});
