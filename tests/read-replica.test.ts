import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT_DIR } from "../lib/config.ts";
import { freePort } from "../lib/db/embedded.ts";
import { ensureBuilt } from "../lib/server/build.ts";
import { type StreamingPair, startStreamingPair, streamingReplicaAvailable } from "./support/streaming-replica.ts";
import { startUpstate, stopAllUpstates, type Upstate, until } from "./support/upstate-process.ts";

// Upstate on a primary with a streaming replica (DATABASE_REPLICA_URL), both started by the test
// from Debian's PostgreSQL: public pages are rendered from the replica; a change is never cached
// from a replica that has not replayed it (replay paused on the replica stands for lag); a
// replica behind for longer than the wait, or stopped, leaves the public pages to the primary;
// writes and the admin use the primary throughout.

const API_KEY = "replica-test-bootstrap-key-0123456789abcdef";
const ADMIN = { email: "replica-admin@example.com", password: "replica-admin-password" };
// Long enough that the checks made while replay is paused are done well within it on a busy machine.
const REPLICA_WAIT_MS = 8_000;

const available = streamingReplicaAvailable();
let pair: StreamingPair | undefined;
let upstate: Upstate | undefined;
let origin = "";
let dataDir = "";

beforeAll(async () => {
  if (!available) return;
  await ensureBuilt(ROOT_DIR);
  pair = await startStreamingPair();
  dataDir = await mkdtemp(path.join(os.tmpdir(), "upstate-replica-data-"));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  upstate = startUpstate({
    DATABASE_URL: pair.primaryUrl,
    DATABASE_REPLICA_URL: pair.replicaUrl,
    PORT: String(port),
    UPSTATE_DATA_DIR: dataDir,
    UPSTATE_REPLICA_WAIT_MS: String(REPLICA_WAIT_MS),
    UPSTATE_BOOTSTRAP_API_KEY: API_KEY,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  await upstate.waitFor(/Upstate is ready/);
}, 600_000);

afterAll(async () => {
  await stopAllUpstates();
  await pair?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Opens an incident through the Manage API: a write through Upstate, which must go to the primary. */
async function openIncident(name: string): Promise<string> {
  const response = await fetch(`${origin}/api/v1/pages/upstate/incidents`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ incident: { name, status: "investigating", body: "Looking into it." } }),
  });
  const body = (await response.json()) as { id: string };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

type Seen = { cache: string | null; shows: boolean };

/** Reads the public status page as a visitor does: whether it shows `name`, and how the cache answered. */
async function statusPage(name: string): Promise<Seen> {
  const response = await fetch(`${origin}/`);
  expect(response.status).toBe(200);
  return { cache: response.headers.get("x-upstate-cache"), shows: (await response.text()).includes(name) };
}

/** The incident's own page (not cached yet, so rendered for this request) shows it. */
async function expectIncidentPage(id: string, name: string) {
  const response = await fetch(`${origin}/incidents/${id}`);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain(name);
}

/** Reads of the Incident table the replica served (its own statistics: a standby counts its reads). */
async function replicaIncidentReads(): Promise<number> {
  const [row] = await pair!.query<{ reads: string }>(
    "replica",
    `SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0) AS reads FROM pg_stat_user_tables WHERE relname = 'Incident'`,
  );
  return Number(row!.reads);
}

function logged(pattern: RegExp): number {
  return upstate!
    .output()
    .split("\n")
    .filter((line) => pattern.test(line)).length;
}

const BEHIND = /read replica .* is more than 8 s behind the primary; public pages read from the primary/;
const CANNOT_READ = /read replica .* cannot be read .*; public pages read from the primary/;

describe.skipIf(!available)("Upstate with a streaming read replica", () => {
  it("renders the public pages from the replica", async () => {
    const before = await replicaIncidentReads();
    const name = "Rendered from the replica";
    const id = await openIncident(name);
    await until(async () => (await statusPage(name)).shows, "the status page shows the new incident", 15_000);
    await expectIncidentPage(id, name);
    // A standby flushes its statistics within a second or so of a query.
    await until(async () => (await replicaIncidentReads()) > before, "the replica counts the renders' reads", 15_000);
    expect(logged(BEHIND) + logged(CANNOT_READ)).toBe(0);
  });

  it("never caches a page from a replica that has not replayed the change, and renders it from the replica once it has", async () => {
    const name = "Replayed late";
    await pair!.query("replica", "SELECT pg_wal_replay_pause()");
    let resumed = false;
    try {
      const pausedAt = Date.now();
      await openIncident(name);
      // The change's notification marks the cached page stale; its re-render waits for the replica,
      // so visitors get the last copy marked STALE, never the old page passed off as fresh.
      const seen: Seen[] = [];
      await until(
        async () => {
          seen.push(await statusPage(name));
          return seen.some((page) => page.cache === "STALE") && Date.now() - pausedAt > 2_500;
        },
        "the status page is served as a stale copy while the replica lags",
        REPLICA_WAIT_MS - 2_000,
      );
      const afterNotification = seen.slice(seen.findIndex((page) => page.cache === "STALE"));
      expect(afterNotification.filter((page) => !page.shows && page.cache !== "STALE")).toEqual([]);
      expect(seen.some((page) => page.shows)).toBe(false);

      const readsBefore = await replicaIncidentReads();
      await pair!.query("replica", "SELECT pg_wal_replay_resume()");
      resumed = true;
      await until(async () => (await statusPage(name)).shows, "the status page shows the change once replayed", 15_000);
      // The waiting render went on with the replica, not the primary.
      await until(async () => (await replicaIncidentReads()) > readsBefore, "the replica served the new render", 15_000);
      expect(logged(BEHIND)).toBe(0);
      const settled = await statusPage(name);
      expect(settled).toEqual({ cache: "HIT", shows: true });
    } finally {
      if (!resumed) await pair!.query("replica", "SELECT pg_wal_replay_resume()");
    }
  });

  it("renders from the primary while the replica is further behind than the wait, and from the replica once it catches up", async () => {
    const name = "Replica far behind";
    await pair!.query("replica", "SELECT pg_wal_replay_pause()");
    try {
      await openIncident(name);
      await until(
        async () => (await statusPage(name)).shows,
        "the status page shows the change, read from the primary",
        REPLICA_WAIT_MS + 15_000,
      );
      expect(logged(BEHIND)).toBe(1);
    } finally {
      await pair!.query("replica", "SELECT pg_wal_replay_resume()");
    }
    const next = "Replica caught up";
    await openIncident(next);
    await until(async () => (await statusPage(next)).shows, "the status page shows the next change", 15_000);
    await upstate!.waitFor(/the read replica has caught up with the primary: public pages read from it again/);
  });

  it("keeps the public pages and the admin working when the replica stops", async () => {
    await pair!.stopReplica();
    const name = "Replica stopped";
    const id = await openIncident(name);
    await until(async () => (await statusPage(name)).shows, "the status page shows the change, read from the primary", 15_000);
    await expectIncidentPage(id, name);
    expect(logged(CANNOT_READ)).toBe(1);

    const cookie = await signIn();
    const admin = await fetch(`${origin}/admin/incidents/${id}`, { headers: { cookie }, redirect: "manual" });
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain(name);
  });
});

/** Signs in through next-auth's credentials endpoint, as the sign-in form does; returns the session cookie. */
async function signIn(): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  const answer = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password, json: "true" }),
    redirect: "manual",
  });
  const session = answer.headers.getSetCookie().find((cookie) => cookie.includes("session-token="));
  expect(session, `signed in (${answer.status})`).toBeDefined();
  return session!.split(";")[0]!;
}
