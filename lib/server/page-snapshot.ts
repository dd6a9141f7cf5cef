import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ResponseCache, SnapshotEntry, Upstream } from "./response-cache.ts";

// The public pages outlive the database in memory (response-cache.ts), but not a restart: a deploy
// or a crash during a database outage would leave nothing to serve. So the cache's last good
// responses are kept on disk, in the data directory, and put back when the server starts. Only
// what the cache holds is saved: public responses to anonymous requests (staff requests and
// responses setting cookies are never cached), status 200 only.

export const PAGE_SNAPSHOT_FILE = "public-pages.json";

type SavedFile = {
  version: 1;
  savedAt: string;
  entries: { key: string; status: number; headers: Record<string, string>; body: string }[];
};

/** The saved responses, or none when nothing was saved yet or the file cannot be read. */
export async function loadPageSnapshot(file: string): Promise<SnapshotEntry[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return [];
  }
  try {
    const saved = JSON.parse(text) as SavedFile;
    if (saved.version !== 1 || !Array.isArray(saved.entries)) return [];
    return saved.entries.map((entry) => ({ ...entry, body: Buffer.from(entry.body, "base64") }));
  } catch {
    // A file cut short (a full disk) is not worth failing a start for: start empty.
    return [];
  }
}

/** Writes the responses to `file` whole or not at all: a temporary file, then a rename. */
export async function savePageSnapshot(file: string, entries: SnapshotEntry[]): Promise<void> {
  const saved: SavedFile = {
    version: 1,
    savedAt: new Date().toISOString(),
    entries: entries.map((entry) => ({ ...entry, body: entry.body.toString("base64") })),
  };
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await writeFile(temporary, JSON.stringify(saved));
  await rename(temporary, file);
}

/**
 * Restores the snapshot in `file` into `cache`, then saves the cache back to it after changes:
 * `changed()` after a render, at most one write every `minIntervalMs` (the footer's render time
 * changes every render, so a busy site would otherwise write constantly).
 */
export async function keepPageSnapshot(options: {
  cache: ResponseCache;
  file: string;
  delayMs?: number;
  minIntervalMs?: number;
  log?: (message: string) => void;
}): Promise<{ restored: number; changed: () => void; close: () => Promise<void> }> {
  const { cache, file } = options;
  const delayMs = options.delayMs ?? 1_000;
  const minIntervalMs = options.minIntervalMs ?? 5_000;
  const log = options.log ?? ((message: string) => console.log(`[upstate] ${message}`));
  const saved = await loadPageSnapshot(file);
  await cache.restore(saved);

  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let lastWrite = 0;
  let dirty = false;
  let failedBefore = false;

  const write = async () => {
    timer = undefined;
    dirty = false;
    lastWrite = Date.now();
    try {
      await savePageSnapshot(file, cache.snapshot());
      failedBefore = false;
    } catch (error) {
      if (!failedBefore)
        log(`cannot save the public pages to ${file} (${(error as Error).message}); retrying after the next change`);
      failedBefore = true;
    }
  };

  const schedule = () => {
    if (timer || writing) return;
    const wait = Math.max(delayMs, lastWrite + minIntervalMs - Date.now());
    timer = setTimeout(() => {
      writing = write().finally(() => {
        writing = undefined;
        if (dirty) schedule();
      });
    }, wait);
    timer.unref();
  };

  return {
    restored: saved.length,
    changed: () => {
      dirty = true;
      schedule();
    },
    close: async () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await writing;
      if (dirty) await write();
    },
  };
}

/**
 * Every public surface that does not depend on an incident: what a crowd and its tools (badges,
 * feed readers, API clients) ask for. Rendered at start, so that a database lost before anyone
 * asked for them still leaves them served.
 */
export function publicSurfaceKeys(basePath: string): string[] {
  return [
    basePath || "/",
    "/history",
    "/history.atom",
    "/history.rss",
    "/badge.svg",
    "/embed.js",
    "/api/v2/summary.json",
    "/api/v2/status.json",
    "/api/v2/components.json",
    "/api/v2/incidents.json",
    "/api/v2/incidents/unresolved.json",
    "/api/v2/scheduled-maintenances.json",
    "/api/v2/scheduled-maintenances/active.json",
    "/api/v2/scheduled-maintenances/upcoming.json",
  ].map((key, index) => (index === 0 ? key : `${basePath}${key}`));
}

/** Renders every public surface, two at a time (the status page first), into the cache. */
export async function warmPublicSurfaces(refresh: (key: string) => Promise<Upstream | null>, basePath: string): Promise<void> {
  const keys = publicSurfaceKeys(basePath);
  const next = async (): Promise<void> => {
    const key = keys.shift();
    if (key === undefined) return;
    await refresh(key).catch(() => null);
    await next();
  };
  await Promise.all([next(), next()]);
}
