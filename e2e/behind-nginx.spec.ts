import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../lib/db/embedded.ts";
import { nginxMainConf } from "../tests/support/nginx.ts";
import { createScratchDatabase, openTestServer, type TestServer } from "../tests/support/scratch-database.ts";
import { waitForServer } from "../tests/support/wait-for-server.ts";

// Sign-in throttling over real HTTP, behind the nginx configuration the README documents, and
// directly. Clients are told apart by the loopback address they connect from (127.0.0.2, .3 …:
// Linux routes all of 127/8 to the loopback interface).

const ROOT = path.resolve(import.meta.dirname, "..");
const ADMIN = { email: "nginx-admin@example.com", password: "nginx-admin-password-1" };

/** One password sign-in through next-auth, as the sign-in form makes it: its error code, or "ok". */
async function signIn(options: {
  origin: string;
  from: string;
  email: string;
  password: string;
  headers?: Record<string, string>;
}): Promise<string> {
  const csrf = await request(options, "GET", "/api/auth/csrf");
  const cookie = csrf.cookies.map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email: options.email, password: options.password, json: "true" }).toString();
  const answer = await request(
    options,
    "POST",
    "/api/auth/callback/credentials",
    {
      cookie,
      "content-type": "application/x-www-form-urlencoded",
      ...options.headers,
    },
    body,
  );
  const url = new URL((JSON.parse(answer.body) as { url: string }).url, options.origin);
  const error = url.searchParams.get("error");
  if (error) return error.replace(/:\d+$/, "");
  return answer.cookies.some((c) => c.includes("session-token=")) ? "ok" : `no session (${answer.status})`;
}

function request(
  options: { origin: string; from: string; headers?: Record<string, string> },
  method: string,
  pathname: string,
  headers: Record<string, string> = { ...options.headers },
  body?: string,
): Promise<{ status: number; body: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathname, options.origin), { method, headers, localAddress: options.from }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          cookies: res.headers["set-cookie"] ?? [],
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The README's nginx `location /` block, pointed at `upstreamPort`. */
async function readmeNginxLocation(upstreamPort: number): Promise<string> {
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const block = /```nginx\n(location \/ \{[^\n]*\})\n```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no ```nginx block with `location / { … }`");
  return block.replace("127.0.0.1:3000", `127.0.0.1:${upstreamPort}`);
}

test.describe("sign-in throttling by client address", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  let dir: string;
  let server: TestServer;
  let database: { url: string; drop: () => Promise<void> };
  let app: ChildProcess;
  let nginx: ChildProcess;
  let proxied: string;

  test.beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "upstate-nginx-"));
    // nginx's workers run as an unprivileged user and write their temporary files here.
    await chmod(dir, 0o777);
    server = await openTestServer();
    database = await createScratchDatabase(server.adminUrl, "upstate_nginx");
    const appPort = await freePort();
    const nginxPort = await freePort();
    proxied = `http://127.0.0.1:${nginxPort}`;
    app = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PORT: String(appPort),
        HOST: "127.0.0.1",
        UPSTATE_TRUSTED_PROXIES: "1",
        UPSTATE_SCHEDULER: "0",
        UPSTATE_DATA_DIR: dir,
        SEED_DEMO: "0",
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        NEXTAUTH_SECRET: "nginx-e2e-secret-not-for-production",
        NEXTAUTH_URL: `${proxied}/api/auth`,
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    await waitForServer(`http://127.0.0.1:${appPort}/api/v2/status.json`, { exited: () => app.exitCode !== null });

    const config = path.join(dir, "nginx.conf");
    await writeFile(
      config,
      nginxMainConf(
        dir,
        `server {
    listen 127.0.0.1:${nginxPort};
    ${await readmeNginxLocation(appPort)}
  }`,
      ),
    );
    nginx = spawn("nginx", ["-p", dir, "-c", config, "-g", "daemon off;"], { stdio: ["ignore", "inherit", "inherit"] });
    await waitForServer(`${proxied}/api/v2/status.json`, { exited: () => nginx.exitCode !== null, timeoutMs: 30_000 });
  });

  test.afterAll(async () => {
    for (const child of [nginx, app]) {
      if (child && child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
    }
    await database?.drop().catch(() => {});
    await server?.close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  test("behind nginx, an attacker's failures slow only the attacker: the admin signs in from elsewhere", async () => {
    const attempt = (from: string, password: string, headers?: Record<string, string>) =>
      signIn({ origin: proxied, from, email: ADMIN.email, password, headers });
    // Five failures are free, then each makes the next try wait (1 s, 2 s, 4 s …): soon a try comes
    // while the attacker is still waiting, whatever the machine's speed.
    const answers: string[] = [];
    for (let i = 0; i < 30 && answers.at(-1) !== "RateLimited"; i++) {
      // Whatever the attacker writes in X-Forwarded-For, nginx replaces it with the address it saw.
      answers.push(await attempt("127.0.0.2", `guess-${i}`, { "x-forwarded-for": `10.0.${i}.1` }));
    }
    expect(answers.slice(0, 5)).toEqual(Array(5).fill("CredentialsSignin"));
    expect(answers.at(-1)).toBe("RateLimited");

    expect(await attempt("127.0.0.3", ADMIN.password)).toBe("ok");
    // A colleague's typo from a third address is an ordinary failure, not a wait.
    expect(await attempt("127.0.0.4", "typo")).toBe("CredentialsSignin");
  });

  test("directly (no trusted proxy), X-Forwarded-For and Upstate's own header are ignored", async () => {
    const origin = process.env.E2E_BASE_URL ?? "http://localhost:3000";
    const email = `nobody-${randomBytes(4).toString("hex")}@example.com`;
    const answers: string[] = [];
    for (let i = 0; i < 30 && answers.at(-1) !== "RateLimited"; i++) {
      // Each try claims to come from somewhere else; were either header believed, no wait would come.
      const spoofed = `198.51.${i}.7`;
      answers.push(
        await signIn({
          origin,
          from: "127.0.0.5",
          email,
          password: "guess",
          headers: { "x-forwarded-for": spoofed, "x-upstate-client-address": spoofed },
        }),
      );
    }
    expect(answers.slice(0, 5)).toEqual(Array(5).fill("CredentialsSignin"));
    expect(answers.at(-1)).toBe("RateLimited");
    expect(await signIn({ origin, from: "127.0.0.6", email, password: "guess" })).toBe("CredentialsSignin");
  });
});
