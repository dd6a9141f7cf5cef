import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
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
