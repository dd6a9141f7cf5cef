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

/** A cached response as saved to disk (lib/server/page-snapshot.ts), uncompressed. */
export type SnapshotEntry = { key: string; status: number; headers: Record<string, string>; body: Buffer; storedAt: number };

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

  /** The last good (200) responses, to be saved and restored by a later process. */
  snapshot(): SnapshotEntry[] {
    return [...this.entries]
      .filter(([, entry]) => entry.status === 200)
      .map(([key, entry]) => ({
        key,
        status: entry.status,
        headers: entry.headers,
        body: entry.identity.body,
        storedAt: entry.storedAt,
      }));
  }

  /**
   * Puts saved responses back, as rendered when they were saved: aged, so the first request for
   * each asks for a fresh render, and served meanwhile (or while the database is away). Never
   * replaces a response this process rendered.
   */
  restore(entries: SnapshotEntry[]): void {
    for (const saved of entries) {
      if (saved.status !== 200 || this.entries.has(saved.key) || this.entries.size >= this.options.maxEntries) continue;
      const hash = createHash("sha256").update(saved.body).digest("base64url").slice(0, 27);
      const lastModified = new Date(saved.storedAt).toUTCString();
      const variant = (body: Buffer, etag: string, encoding: string | null): Variant => ({
        body,
        etag,
        hitHeaders: {
          ...saved.headers,
          "cache-control": PUBLIC_CACHE_CONTROL,
          vary: "Accept-Encoding",
          etag,
          "last-modified": lastModified,
          "x-upstate-cache": "HIT",
          ...(encoding ? { "content-encoding": encoding } : {}),
          "content-length": body.length,
        },
      });
      this.entries.set(saved.key, {
        status: saved.status,
        headers: saved.headers,
        identity: variant(saved.body, `"${hash}"`, null),
        gzip: variant(zlib.gzipSync(saved.body, { level: 9 }), `"${hash}-gz"`, "gzip"),
        br: variant(
          zlib.brotliCompressSync(saved.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }),
          `"${hash}-br"`,
          "br",
        ),
        storedAt: saved.storedAt,
        renderedAt: 0,
        invalidated: false,
      });
    }
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
