import { createHash } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { PUBLIC_CACHE_CONTROL } from "../cache/cache-control.ts";
import type { PublicChange } from "../cache/public-change.ts";
import { isAffected } from "./cache-policy.ts";

export { PUBLIC_CACHE_CONTROL };

// An in-memory cache of public responses, so that a crowd reloading the status page during an
// outage is answered without rendering or touching the database. A change makes entries
// "invalidated" (never served again unless re-rendering fails: the page outlives the database);
// age alone makes them "aged" (served while a fresh copy renders in the background).

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export type Upstream = { status: number; headers: Record<string, string>; body: Buffer };

/** One encoding of a response, with the headers of a cache hit built once, when stored. */
type Variant = { body: Buffer; etag: string; hitHeaders: Record<string, string | number> };
export type Entry = {
  status: number;
  headers: Record<string, string>;
  identity: Variant;
  gzip: Variant;
  br: Variant;
  storedAt: number;
  /** The invalidation count when its render began. */
  renderedAt: number;
  invalidated: boolean;
};

/** Headers of one connection: a response sent whole, with its own length, must not repeat them. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);

/** Those, and headers that must never be replayed to someone else or are set per response. */
const DROPPED_HEADERS = new Set([...HOP_BY_HOP, "content-encoding", "date", "etag", "cache-control", "vary", "set-cookie"]);

/**
 * The headers to send a rendered response with, once, as a whole body: the renderer's own but
 * those of its connection (Next streams chunked; chunked plus a length is an invalid response).
 */
export function wholeBodyHeaders(upstream: Upstream): Record<string, string | number> {
  const headers: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(upstream.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
  headers["content-length"] = upstream.body.length;
  return headers;
}

/** A last good response as `snapshot()` exports it and `restore()` takes it back (to a file, say). */
export type SnapshotEntry = { key: string; status: number; headers: Record<string, string>; body: Buffer };

export function isStorable(upstream: Upstream): boolean {
  return (upstream.status === 200 || upstream.status === 404) && !("set-cookie" in upstream.headers);
}

export class ResponseCache {
  private entries = new Map<string, Entry>();
  /** Counts invalidations, so that a render started before one never passes for fresh after it. */
  private sequence = 0;
  private invalidatedAt = new Map<string, number>();
  private inFlight = new Map<string, { startedAt: number; promise: Promise<Upstream | null> }>();

  constructor(
    private readonly options: { maxEntries: number; maxAgeMs: number; now?: () => number } = {
      maxEntries: 2000,
      maxAgeMs: 30_000,
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  /** Whether the entry may be served without waiting for a new render. */
  isServable(entry: Entry): boolean {
    return !entry.invalidated;
  }

  isAged(entry: Entry): boolean {
    return this.now() - entry.storedAt > this.options.maxAgeMs;
  }

  async store(key: string, upstream: Upstream, renderedAt = this.sequence): Promise<Entry> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(upstream.headers)) if (!DROPPED_HEADERS.has(name)) headers[name] = value;
    const hash = createHash("sha256").update(upstream.body).digest("base64url").slice(0, 27);
    const [gz, br] = await Promise.all([
      gzip(upstream.body, { level: 9 }),
      brotli(upstream.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }),
    ]);
    const lastModified = new Date(this.now()).toUTCString();
    const variant = (body: Buffer, etag: string, encoding: string | null): Variant => ({
      body,
      etag,
      hitHeaders: {
        ...headers,
        "cache-control": PUBLIC_CACHE_CONTROL,
        vary: "Accept-Encoding",
        etag,
        "last-modified": lastModified,
        "x-upstate-cache": "HIT",
        ...(encoding ? { "content-encoding": encoding } : {}),
        "content-length": body.length,
      },
    });
    const entry: Entry = {
      status: upstream.status,
      headers,
      identity: variant(upstream.body, `"${hash}"`, null),
      gzip: variant(gz, `"${hash}-gz"`, "gzip"),
      br: variant(br, `"${hash}-br"`, "br"),
      storedAt: this.now(),
      renderedAt,
      invalidated: (this.invalidatedAt.get(key) ?? 0) > renderedAt,
    };
    // A slow render finishing after a newer one must not replace it.
    const existing = this.entries.get(key);
    if (existing && existing.renderedAt > renderedAt) return existing;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value!;
      this.entries.delete(oldest);
      this.invalidatedAt.delete(oldest);
    }
    return entry;
  }

  /**
   * The last good response of every cached key (invalidated ones too: they are the last good copy
   * until a re-render succeeds), uncompressed, with the headers the renderer gave.
   */
  snapshot(): SnapshotEntry[] {
    return [...this.entries].map(([key, entry]) => ({
      key,
      status: entry.status,
      headers: { ...entry.headers },
      body: entry.identity.body,
    }));
  }

  /**
   * Takes back entries from `snapshot()` (of this process or an earlier one) as aged copies:
   * served until the first fresh render replaces them, which their first request starts. A key
   * already cached keeps its own copy, which is newer.
   */
  async restore(entries: SnapshotEntry[]): Promise<void> {
    for (const { key, status, headers, body } of entries) {
      if (this.entries.has(key) || !isStorable({ status, headers, body })) continue;
      const entry = await this.store(key, { status, headers, body });
      entry.storedAt = Number.NEGATIVE_INFINITY;
    }
  }

  /** Marks the entries (and renders under way) a change affects; returns their keys. */
  invalidate(change: PublicChange): string[] {
    this.sequence++;
    const keys = new Set([...this.entries.keys(), ...this.inFlight.keys()].filter((key) => isAffected(key, change)));
    for (const key of keys) {
      this.invalidatedAt.set(key, this.sequence);
      const entry = this.entries.get(key);
      if (entry) entry.invalidated = true;
    }
    return [...keys];
  }

  /**
   * Renders `key` anew with `render` and stores it when it may be cached. Concurrent callers
   * share one render, unless it began before the latest change to that key. Resolves to null
   * when the app could not be reached.
   */
  refresh(key: string, render: () => Promise<Upstream>): Promise<Upstream | null> {
    const lastChange = this.invalidatedAt.get(key) ?? 0;
    const current = this.inFlight.get(key);
    if (current && current.startedAt >= lastChange) return current.promise;
    const startedAt = this.sequence;
    const promise = render()
      .then(async (upstream) => {
        if (isStorable(upstream)) await this.store(key, upstream, startedAt);
        return upstream;
      })
      .catch(() => null)
      .finally(() => {
        if (this.inFlight.get(key)?.promise === promise) this.inFlight.delete(key);
      });
    this.inFlight.set(key, { startedAt, promise });
    return promise;
  }
}

/** The representation to send for an Accept-Encoding header. */
export function chooseVariant(
  entry: Entry,
  acceptEncoding: string | undefined,
): { variant: Variant; encoding: "br" | "gzip" | null } {
  const accepted = (acceptEncoding ?? "").toLowerCase();
  if (/\bbr\b/.test(accepted)) return { variant: entry.br, encoding: "br" };
  if (/\bgzip\b/.test(accepted)) return { variant: entry.gzip, encoding: "gzip" };
  return { variant: entry.identity, encoding: null };
}
