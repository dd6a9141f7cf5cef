import { promisify } from "node:util";
import zlib from "node:zlib";
import { PUBLIC_CACHE_CONTROL } from "../cache/cache-control.ts";
import { entityTag } from "../cache/etag.ts";
import type { PublicChange } from "../cache/public-change.ts";
import { tagsForKey } from "../edge/cache-tags.ts";
import { failureLog } from "../log/failure-log.ts";
import { declaredKey, isAffected, isIncidentKey } from "./cache-policy.ts";
import { type RenderPriority, RenderQueue } from "./render-queue.ts";

export { PUBLIC_CACHE_CONTROL };

// An in-memory cache of public responses, so that a crowd reloading the status page during an
// outage is answered without rendering or touching the database. It holds the last good copy
// (a 200) of each page: a change makes entries "invalidated" and age makes them "aged"; both are
// still served, while a fresh copy renders in the background, and stay served for as long as
// rendering fails (the page outlives the database). Only a render that says the page is gone
// (a 404) removes one. The summary pages are pinned: no flood of other pages evicts them.

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export type Upstream = { status: number; headers: Record<string, string>; body: Buffer };

/** How long the first reader of a summary page left to its reader (`awaitsReader`) waits for its render at most. */
const READER_WAIT_MS = 5_000;

/** One encoding of a response, with the headers of a cache hit built once, when stored. */
type Variant = { body: Buffer; etag: string; hitHeaders: Record<string, string | number> };
export type Entry = {
  status: number;
  headers: Record<string, string>;
  identity: Variant;
  gzip: Variant;
  br: Variant;
  /** Memory held by its bodies, counted against the cache's bound. */
  bytes: number;
  storedAt: number;
  /** The invalidation count when its render began. */
  renderedAt: number;
  invalidated: boolean;
  /**
   * When the change it waits out began (the cache's clock): the first change that made it stale,
   * or a later one once that wait was over and no render was under way. Unset on a copy stored
   * stale until such a later change.
   */
  changedAt?: number;
  /** When its last re-render failed (5xx or no answer), so that retries are spaced out. */
  failedAt?: number;
  /**
   * A summary page a change left to its next reader (nobody had read it since its render): that
   * reader waits for the new render, however long after the change they come (applyChange).
   */
  awaitsReader?: boolean;
  /** The cache's use count at its last read: the least recently used are evicted first. */
  usedAt: number;
  /** The use count when it was stored: read since then when `usedAt` is past it. */
  storedUse: number;
  /** When it stops being fresh by age (`storedAt` + the cache's maximum age). */
  freshUntil: number;
};

/** A last good response as `snapshot()` exports it and `restore()` takes it back (to a file, say). */
export type SnapshotEntry = { key: string; status: number; headers: Record<string, string>; body: Buffer };

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

/**
 * Only good pages are kept: a 404 is cheap to render again and would let anyone fill the cache
 * with made-up URLs; an error must never replace the last good copy.
 */
export function isStorable(upstream: Upstream): boolean {
  return upstream.status === 200 && !("set-cookie" in upstream.headers);
}

export type ResponseCacheOptions = {
  /** Bound on the memory held by bodies (all three encodings); pinned entries count but stay. */
  maxBytes?: number;
  /** Age after which an entry is re-rendered in the background on its next request. */
  maxAgeMs?: number;
  /** Keys never evicted and re-rendered at once after a change (the summary pages). */
  pinnedKeys?: Iterable<string>;
  /** Where renders wait for a slot; shared with the server's other renders. */
  queue?: RenderQueue;
  /** After a failed re-render, how long background refreshes of that entry wait. */
  retryAfterFailureMs?: number;
  /**
   * How long after a change a request for a page it made stale may wait for the page's new render
   * (default 1 s): whoever reloads after a change sees it. Past that, the last good copy at once.
   */
  changeWaitMs?: number;
  /** The Cache-Control of a fresh response (a long s-maxage when the edge is purged on changes). */
  cacheControl?: string;
  now?: () => number;
  onFailure?: (key: string, reason: unknown) => void;
};

type InFlight = { startedAt: number; promise: Promise<Upstream | null>; again?: Promise<Upstream | null> };

export class ResponseCache {
  private entries = new Map<string, Entry>();
  private totalBytes = 0;
  /** Counts reads: stamped on the entry read, so that a hit moves nothing in the map. */
  private uses = 0;
  /** Counts invalidations, so that a render started before one never passes for fresh after it. */
  private sequence = 0;
  private invalidatedAt = new Map<string, number>();
  private inFlight = new Map<string, InFlight>();
  private readonly pinned: Set<string>;
  private readonly maxBytes: number;
  private readonly maxAgeMs: number;
  private readonly retryAfterFailureMs: number;
  private readonly changeWaitMs: number;
  readonly queue: RenderQueue;

  constructor(private readonly options: ResponseCacheOptions = {}) {
    this.pinned = new Set(options.pinnedKeys ?? []);
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.maxAgeMs = options.maxAgeMs ?? 30_000;
    this.retryAfterFailureMs = options.retryAfterFailureMs ?? 5_000;
    this.changeWaitMs = options.changeWaitMs ?? 1_000;
    this.queue = options.queue ?? new RenderQueue();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Memory held by the cached bodies. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** The entry under `key`; a read keeps it from being the next evicted. */
  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) entry.usedAt = ++this.uses;
    return entry;
  }

  isPinned(key: string): boolean {
    return this.pinned.has(key);
  }

  /** Whether the entry may be served as it is, with no re-render to start. */
  isFresh(entry: Entry): boolean {
    return !entry.invalidated && this.now() <= entry.freshUntil;
  }

  isAged(entry: Entry): boolean {
    return this.now() > entry.freshUntil;
  }

  /** Whether a render of `key` is running or waiting (a request for it costs no new render). */
  isRendering(key: string): boolean {
    return this.inFlight.has(key);
  }

  async store(key: string, upstream: Upstream, renderedAt = this.sequence): Promise<Entry> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(upstream.headers)) if (!DROPPED_HEADERS.has(name)) headers[name] = value;
    const tag = entityTag(upstream.body);
    const [gz, br] = await Promise.all([
      gzip(upstream.body, { level: 9 }),
      brotli(upstream.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }),
    ]);
    const lastModified = new Date(this.now()).toUTCString();
    const tags = tagsForKey(key);
    const variant = (body: Buffer, etag: string, encoding: string | null): Variant => ({
      body,
      etag,
      hitHeaders: {
        ...headers,
        "cache-control": this.options.cacheControl ?? PUBLIC_CACHE_CONTROL,
        // Fastly and Varnish read space-separated tags, Cloudflare comma-separated ones.
        "surrogate-key": tags.join(" "),
        "cache-tag": tags.join(","),
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
      identity: variant(upstream.body, tag, null),
      gzip: variant(gz, `${tag.slice(0, -1)}-gz"`, "gzip"),
      br: variant(br, `${tag.slice(0, -1)}-br"`, "br"),
      bytes: upstream.body.length + gz.length + br.length,
      storedAt: this.now(),
      freshUntil: this.now() + this.maxAgeMs,
      usedAt: ++this.uses,
      storedUse: this.uses,
      renderedAt,
      invalidated: (this.invalidatedAt.get(key) ?? 0) > renderedAt,
    };
    // A slow render finishing after a newer one must not replace it.
    const existing = this.entries.get(key);
    if (existing && existing.renderedAt > renderedAt) return existing;
    this.delete(key);
    this.entries.set(key, entry);
    this.totalBytes += entry.bytes;
    this.evict();
    return entry;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  /** Drops the least recently used unpinned entries until the bodies fit in the bound. */
  private evict() {
    if (this.totalBytes <= this.maxBytes) return;
    const unpinned = [...this.entries].filter(([key]) => !this.pinned.has(key));
    unpinned.sort(([, a], [, b]) => a.usedAt - b.usedAt);
    for (const [key] of unpinned) {
      if (this.totalBytes <= this.maxBytes) return;
      this.delete(key);
      if (!this.inFlight.has(key)) this.invalidatedAt.delete(key);
    }
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
      entry.freshUntil = Number.NEGATIVE_INFINITY;
    }
  }

  /** Marks the entries (and renders under way) a change affects; returns their keys. */
  invalidate(change: PublicChange): string[] {
    this.sequence++;
    const keys = new Set([...this.entries.keys(), ...this.inFlight.keys()].filter((key) => isAffected(key, change)));
    for (const key of keys) {
      this.invalidatedAt.set(key, this.sequence);
      const entry = this.entries.get(key);
      if (!entry) continue;
      // The wait after a change counts from the first change the copy missed while no render of
      // it was under way: under a stream of changes, whose renders overlap, nobody waits more than
      // once per copy (see mayWaitForChange). A copy left stale since an earlier change (a page
      // nobody asked for meanwhile, or one stored stale) and not being rendered starts a new wait:
      // whoever reloads it after this change expects to see this change.
      const now = this.now();
      const waitLapsed = entry.changedAt === undefined || now - entry.changedAt >= this.changeWaitMs;
      if (!entry.invalidated || (waitLapsed && !this.inFlight.has(key))) entry.changedAt = now;
      entry.invalidated = true;
    }
    return [...keys];
  }

  /**
   * A committed change: marks what it affects, and re-renders at once only the pages a crowd
   * reloads (the summary pages) that were read since their last render, and the pages of the
   * incidents it names. The other affected entries stay served, marked, until someone asks for
   * them: their request starts the re-render. (A reconnection reports a change to everything;
   * thousands of history pages re-rendered at once would stall every visitor. Under a stream of
   * changes, an alerting storm through the write API, re-rendering every summary page nobody is
   * reading after each change took the cores the visitors and the writes needed.)
   */
  applyChange(change: PublicChange, render: (key: string) => Promise<Upstream>): { eager: string[]; lazy: string[] } {
    const eager: string[] = [];
    const lazy: string[] = [];
    for (const key of this.invalidate(change)) {
      const named = isIncidentKey(key) && (change.incidentIds ?? []).some((id) => key.endsWith(`/incidents/${id}`));
      const entry = this.entries.get(key);
      const read = !entry || entry.usedAt > entry.storedUse;
      if ((this.pinned.has(key) && read) || named) eager.push(key);
      else {
        lazy.push(key);
        // A summary page keeps its promise (a change visible within a second) to whoever reads it next.
        if (entry && this.pinned.has(key)) entry.awaitsReader = true;
      }
    }
    for (const key of eager) void this.refresh(key, () => render(key), "change");
    return { eager, lazy };
  }

  /**
   * Renders `key` anew with `render` when a slot is free and stores it when it may be cached.
   * Concurrent callers share one render; callers after a change that came while it ran share one
   * more render after it (a burst of changes costs two renders, not one each). Resolves to the
   * renderer's answer, or null when the app could not be reached.
   */
  refresh(key: string, render: () => Promise<Upstream>, priority: RenderPriority = "urgent"): Promise<Upstream | null> {
    const current = this.inFlight.get(key);
    if (current) {
      if (current.startedAt >= (this.invalidatedAt.get(key) ?? 0)) return current.promise;
      current.again ??= current.promise.then(() => this.refresh(key, render, priority));
      return current.again;
    }
    // Until it starts, a queued render will see every change made meanwhile.
    const state: InFlight = { startedAt: Number.POSITIVE_INFINITY, promise: Promise.resolve(null) };
    state.promise = this.queue
      .run(() => {
        state.startedAt = this.sequence;
        return render();
      }, priority)
      .then(
        async (upstream) => {
          await this.settle(key, upstream, state.startedAt);
          return upstream;
        },
        (error: unknown) => {
          this.failed(key, error);
          return null;
        },
      )
      .finally(() => {
        if (this.inFlight.get(key) === state) this.inFlight.delete(key);
      });
    this.inFlight.set(key, state);
    return state.promise;
  }

  /**
   * Re-renders a served entry that is aged or invalidated, unless that is already under way, the
   * queue is full (it will be asked again), or its last attempt failed moments ago.
   */
  refreshInBackground(key: string, render: () => Promise<Upstream>): void {
    const failedAt = this.entries.get(key)?.failedAt;
    if (failedAt !== undefined && this.now() - failedAt < this.retryAfterFailureMs) return;
    if (!this.inFlight.has(key) && this.queue.isFull()) return;
    void this.refresh(key, render, this.pinned.has(key) ? "urgent" : "background");
  }

  /**
   * Whether a request for an entry a change made stale should wait for its new render: only
   * within `changeWaitMs` of the change, and not when its last render failed moments ago (the
   * database is down, say) or the render queue is full. A render that outlasts the wait keeps
   * going; everyone asking after that gets the last good copy at once.
   */
  mayWaitForChange(key: string, entry: Entry): boolean {
    if (!entry.invalidated || entry.changedAt === undefined) return false;
    const now = this.now();
    if (now - entry.changedAt >= this.changeWaitMs && !entry.awaitsReader) return false;
    if (entry.failedAt !== undefined && now - entry.failedAt < this.retryAfterFailureMs) return false;
    return this.inFlight.has(key) || !this.queue.isFull();
  }

  /**
   * Re-renders `key` (or joins the render under way), for at most what is left of the wait after
   * its change. Resolves to the render's answer, null when it failed, or "late" past the wait.
   */
  async waitForChange(key: string, entry: Entry, render: () => Promise<Upstream>): Promise<Upstream | null | "late"> {
    const left = entry.awaitsReader ? READER_WAIT_MS : (entry.changedAt ?? 0) + this.changeWaitMs - this.now();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), Math.max(0, left));
    });
    try {
      return await Promise.race([this.refresh(key, render, this.pinned.has(key) ? "urgent" : "background"), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async settle(key: string, upstream: Upstream, startedAt: number) {
    if (upstream.status >= 500) {
      this.failed(key, `answered ${upstream.status}`);
      return;
    }
    const declared = declaredKey(upstream.body, upstream.headers["content-type"]);
    if (declared !== null && declared !== key) {
      // Not a page of its own (an unknown filter, say): never cached under this key.
      this.delete(key);
      return;
    }
    if (isStorable(upstream)) await this.store(key, upstream, startedAt);
    // Gone (a deleted incident): its last copy must not outlive it.
    else if (upstream.status >= 300 && !("set-cookie" in upstream.headers)) this.delete(key);
  }

  private failed(key: string, reason: unknown) {
    const entry = this.entries.get(key);
    if (entry) entry.failedAt = this.now();
    (this.options.onFailure ?? reportRenderFailure)(key, reason);
  }
}

function reportRenderFailure(key: string, reason: unknown) {
  failureLog.report("rendering a public page failed (the last good copy is served)", `${key}: ${String(reason)}`);
}

/**
 * The encodings a request accepts, honouring q-values (`br;q=0` refuses brotli); `*` stands
 * for any encoding not named.
 */
export function acceptedEncodings(acceptEncoding: string | string[] | undefined): Set<string> {
  const text = Array.isArray(acceptEncoding) ? acceptEncoding.join(",") : (acceptEncoding ?? "");
  const quality = new Map<string, number>();
  for (const part of text.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = q === undefined ? 1 : Number(q.slice(2));
    quality.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const wildcard = quality.get("*") ?? 0;
  return new Set(["br", "gzip"].filter((encoding) => (quality.get(encoding) ?? wildcard) > 0));
}

type Encoding = "br" | "gzip" | null;

// The encoding chosen for each Accept-Encoding header seen: clients send a handful of distinct
// headers, so a hit costs a map lookup instead of a parse. Bounded, since clients choose them.
const chosenEncodings = new Map<string, Encoding>();
const MAX_REMEMBERED_HEADERS = 256;

/** The encoding to send for an Accept-Encoding header (brotli first, then gzip, else none). */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  if (acceptEncoding === undefined || acceptEncoding === "") return null;
  if (typeof acceptEncoding !== "string") return encodingOf(acceptEncoding);
  let chosen = chosenEncodings.get(acceptEncoding);
  if (chosen === undefined) {
    chosen = encodingOf(acceptEncoding);
    if (chosenEncodings.size >= MAX_REMEMBERED_HEADERS) chosenEncodings.clear();
    chosenEncodings.set(acceptEncoding, chosen);
  }
  return chosen;
}

function encodingOf(acceptEncoding: string | string[]): Encoding {
  const accepted = acceptedEncodings(acceptEncoding);
  return accepted.has("br") ? "br" : accepted.has("gzip") ? "gzip" : null;
}

/** The representation of an entry for an encoding. */
export function variantFor(entry: Entry, encoding: Encoding): Variant {
  return encoding === "br" ? entry.br : encoding === "gzip" ? entry.gzip : entry.identity;
}

/** The representation to send for an Accept-Encoding header. */
export function chooseVariant(
  entry: Entry,
  acceptEncoding: string | string[] | undefined,
): { variant: Variant; encoding: Encoding } {
  const encoding = chooseEncoding(acceptEncoding);
  return { variant: variantFor(entry, encoding), encoding };
}
