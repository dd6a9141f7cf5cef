import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT_DIR } from "../lib/config.ts";
import { freePort } from "../lib/db/embedded.ts";
import { buildApp, buildIsCurrent } from "../lib/server/build.ts";
import { loadPageSnapshot, PAGE_SNAPSHOT_FILE } from "../lib/server/page-snapshot.ts";
import { ownDatabase } from "./support/db.ts";
import { makeIncident } from "./support/factories.ts";
import { openTcpProxy } from "./support/tcp-proxy.ts";
import { startUpstate, stopAllUpstates, until } from "./support/upstate-process.ts";

// A restart while PostgreSQL is away (a deploy, a crash, a reboot during the outage) must not take
// the status page down: the server starts anyway, serves the public pages the last run saved,
// and carries on when the database returns. The database is reached through a TCP proxy that
// the test closes and reopens.

const SURFACES = ["/", "/api/v2/summary.json", "/api/v2/status.json", "/badge.svg", "/history.atom", "/history"];

afterAll(stopAllUpstates);

beforeAll(async () => {
  if (!(await buildIsCurrent(ROOT_DIR))) await buildApp(ROOT_DIR);
}, 600_000);

describe("a restart while the database is unreachable", () => {
  it("serves the pages the last run saved, answers 503 for others, and recovers when the database returns", async () => {
    const { url, db } = await ownDatabase();
    await makeIncident(db, { name: "Before the outage" });
    const direct = new URL(url);
    const proxy = await openTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "upstate-outage-"));
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = { DATABASE_URL: proxy.urlFor(url), PORT: String(port), UPSTATE_DATA_DIR: dataDir };
    try {
      const first = startUpstate(env);
      await first.waitFor(/Upstate is ready/);
      // Every public surface was rendered at start, and saved; nobody asked for any of them.
      const snapshotFile = path.join(dataDir, PAGE_SNAPSHOT_FILE);
      await until(async () => {
        const keys = (await loadPageSnapshot(snapshotFile)).map((entry) => entry.key);
        return SURFACES.every((surface) => keys.includes(surface));
      }, "the public surfaces are saved");
      await first.stop();
      const saved = new Map((await loadPageSnapshot(snapshotFile)).map((entry) => [entry.key, entry.body]));

      await proxy.stop();
      const second = startUpstate(env);
      await second.waitFor(
        /PostgreSQL at 127\.0\.0\.1:\d+\/\w+ is unreachable \(nothing is listening there\); serving the last saved public pages from .*public-pages\.json and retrying every 2 s/,
      );
      await second.waitFor(/Upstate is serving \d+ saved public pages/);
      for (const surface of SURFACES) {
        const response = await fetch(`${origin}${surface}`);
        expect(response.status, surface).toBe(200);
        expect(Buffer.from(await response.arrayBuffer()).equals(saved.get(surface)!), surface).toBe(true);
      }
      const unknown = await fetch(`${origin}/incidents/neverrendered`);
      expect(unknown.status).toBe(503);
      expect(unknown.headers.get("retry-after")).toBeTruthy();
      expect(second.output()).not.toMatch(/cannot start/);

      // Written while this server cannot see the database; it must show once it can.
      await makeIncident(db, { name: "During the outage" });
      await proxy.start();
      await second.waitFor(/PostgreSQL is back: Upstate is ready/);
      for (const surface of ["/", "/history.atom", "/api/v2/summary.json"]) {
        await until(
          async () => (await (await fetch(`${origin}${surface}`)).text()).includes("During the outage"),
          `${surface} shows the incident written during the outage`,
        );
      }
      await second.stop();
    } finally {
      await proxy.stop();
    }
  }, 300_000);

  it("with nothing saved yet, starts anyway and answers 503 with Retry-After until the database returns", async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "upstate-outage-"));
    const upstate = startUpstate({
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${await freePort()}/upstate`,
      PORT: String(port),
      UPSTATE_DATA_DIR: dataDir,
    });
    await upstate.waitFor(/no public pages were saved yet/);
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBeTruthy();
    await upstate.stop();
  }, 120_000);
});
