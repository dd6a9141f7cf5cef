import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { basePathOf } from "../urls/base-path.ts";

// `npm start` builds when the production build is missing or older than the sources.

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];
const SKIP = new Set(["generated", "node_modules", ".next"]);

async function listFiles(root: string, rel: string): Promise<string[]> {
  const full = path.join(root, rel);
  if (!existsSync(full)) return [];
  const entries = await readdir(full, { withFileTypes: true }).catch(() => null);
  if (!entries) return [rel];
  const nested = await Promise.all(
    entries.filter((e) => !SKIP.has(e.name) && !e.name.endsWith(".test.ts")).map((e) => listFiles(root, path.join(rel, e.name))),
  );
  return nested.flat();
}

/** The environment a build reads: PUBLIC_URL's path (next.config.js) and UPSTATE_DIST_DIR. */
type BuildEnv = Record<string, string | undefined>;

export async function sourceHash(root: string, env: BuildEnv = process.env): Promise<string> {
  const files = (await Promise.all(SOURCES.map((s) => listFiles(root, s)))).flat().sort();
  const hash = createHash("sha256");
  // The base path is built in (next.config.js): another PUBLIC_URL path needs another build.
  hash.update(`basePath=${basePathOf(env.PUBLIC_URL)}\n`);
  // So is Strict-Transport-Security, sent when PUBLIC_URL is https (next.config.js).
  hash.update(`https=${/^https:/i.test(env.PUBLIC_URL?.trim() ?? "")}\n`);
  for (const file of files) {
    hash.update(file);
    hash.update(await readFile(path.join(root, file)));
  }
  return hash.digest("hex");
}

/** Where the build goes: `.next`, or UPSTATE_DIST_DIR (next.config.js reads the same variable). */
const distDir = (root: string, env: BuildEnv) => path.join(root, env.UPSTATE_DIST_DIR || ".next");
const stampFile = (root: string, env: BuildEnv) => path.join(distDir(root, env), "upstate-source-hash");

export async function buildIsCurrent(root: string, env: BuildEnv = process.env): Promise<boolean> {
  if (!existsSync(path.join(distDir(root, env), "BUILD_ID"))) return false;
  const stamp = await readFile(stampFile(root, env), "utf8").catch(() => "");
  return stamp === (await sourceHash(root, env));
}

export async function buildApp(root: string, env: BuildEnv = process.env): Promise<void> {
  const hash = await sourceHash(root, env);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit code ${code})`))));
  });
  await writeFile(stampFile(root, env), hash);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Builds unless the build is current, one process at a time: test files running side by side
 * each need the build, and two `next build`s in one folder break each other. The lock is a
 * folder next to the build's, with the holder's pid in it; a dead holder's lock is taken over.
 */
export async function ensureBuilt(root: string, env: BuildEnv = process.env): Promise<void> {
  const lock = `${distDir(root, env)}.build-lock`;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(await readFile(path.join(lock, "pid"), "utf8").catch(() => ""));
      // No pid yet: the holder has just made the folder (or died in between; its folder is old then).
      if (holder ? !isRunning(holder) : Date.now() - (await madeAt(lock)) > 10_000)
        await rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    await writeFile(path.join(lock, "pid"), String(process.pid));
    if (!(await buildIsCurrent(root, env))) await buildApp(root, env);
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function madeAt(folder: string): Promise<number> {
  return stat(folder).then(
    (info) => info.mtimeMs,
    () => 0,
  );
}
