import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT_DIR } from "../lib/config.ts";
import { freePort } from "../lib/db/embedded.ts";
import { readPurgeStatus } from "../lib/edge/purge-status.ts";
import { postUpdate } from "../lib/incidents/post-update.ts";
import { ensureBuilt } from "../lib/server/build.ts";
import { ownDatabase } from "./support/db.ts";
import { makeIncident, makeStaff } from "./support/factories.ts";
import { startUpstate, stopAllUpstates } from "./support/upstate-process.ts";
import { type RunningVarnish, startVarnish, varnishAvailable } from "./support/varnish.ts";

// The edge as it is deployed: a real Varnish with deploy/varnish/upstate.vcl in front of a
// production Upstate that purges it (EDGE_PURGE=varnish://…). Every change shows through Varnish,
// which keeps pages for an hour (s-maxage=3600), so only a purge can show it within the test's
// 15 s; pages it did not touch stay in Varnish's cache; and with Upstate stopped, Varnish keeps
// serving the last pages. How fast a purge is, is measured by `npm run bench -- --edge`, not here:
// a shared machine makes any time limit in a test flaky.

const VISIBLE_WITHIN_MS = 15_000;
const hasVarnish = varnishAvailable();
let varnish: RunningVarnish | undefined;
const savedPurge = process.env.EDGE_PURGE;

afterAll(async () => {
  await stopAllUpstates();
  await varnish?.stop();
  if (savedPurge === undefined) delete process.env.EDGE_PURGE;
  else process.env.EDGE_PURGE = savedPurge;
});

beforeAll(async () => {
  if (hasVarnish) await ensureBuilt(ROOT_DIR);
}, 600_000);

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function get(url: string) {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe.skipIf(!hasVarnish)("Upstate behind Varnish, purged on every change", () => {
  it("shows 20 changes through Varnish, purged, keeps untouched pages cached, and serves the last pages with Upstate stopped", async () => {
    const { url, db } = await ownDatabase();
    const actor = await makeStaff(db);
    const untouched = await makeIncident(db, { actor, name: "Left alone" });
    const updated = await makeIncident(db, { actor, name: "Updated often" });

    const upstatePort = await freePort();
    varnish = await startVarnish({ backendPort: upstatePort });
    // The writes below run in this process: they queue the purges, the server sends them.
    process.env.EDGE_PURGE = `varnish://127.0.0.1:${varnish.port}`;
    const upstate = startUpstate({
      DATABASE_URL: url,
      PORT: String(upstatePort),
      UPSTATE_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), "upstate-edge-")),
      EDGE_PURGE: process.env.EDGE_PURGE,
    });
    await upstate.waitFor(/Upstate is ready/);
    const edge = varnish.url;
    // Varnish started first: its probe finds Upstate within a few seconds.
    expect(await until(async () => (await get(`${edge}/api/v2/status.json`)).status === 200, 15_000)).toBe(true);

    // Upstate's own answer: tagged, and kept long at the edge since it is purged.
    const direct = await fetch(`http://127.0.0.1:${upstatePort}/incidents/${untouched.id}`);
    expect(direct.headers.get("surrogate-key")).toBe(`upstate incident-${untouched.id} incident`);
    expect(direct.headers.get("cache-tag")).toBe(`upstate,incident-${untouched.id},incident`);
    expect(direct.headers.get("cache-control")).toContain("s-maxage=3600");

    const untouchedUrl = `${edge}/incidents/${untouched.id}`;
    await get(untouchedUrl);
    const cached = await get(untouchedUrl);
    expect(cached.headers.get("x-cache")).toBe("HIT");
    // "<this request> <the request that fetched the object>": the object's identity.
    const objectId = cached.headers.get("x-varnish")!.split(" ")[1];
    for (const page of ["/", "/api/v2/summary.json", `/incidents/${updated.id}`]) await get(`${edge}${page}`);
    const hitsBefore = (await varnish.counters())["MAIN.cache_hit"]!;

    const delays: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = Date.now();
      let visible: () => Promise<boolean>;
      if (i % 2 === 0) {
        const name = `Edge change ${i}`;
        await makeIncident(db, { actor, name });
        visible = async () =>
          (await get(`${edge}/`)).body.includes(name) && (await get(`${edge}/api/v2/summary.json`)).body.includes(name);
      } else {
        const message = `Edge update number ${i}`;
        await postUpdate({ db, actor, input: { incidentId: updated.id, status: "identified", message } });
        visible = async () => (await get(`${edge}/incidents/${updated.id}`)).body.includes(message);
      }
      const shown = await until(visible, VISIBLE_WITHIN_MS);
      const delay = Date.now() - started;
      delays.push(delay);
      if (!shown) {
        const home = await fetch(`${edge}/`);
        const headers = ["x-cache", "age", "x-varnish", "x-upstate-cache", "cache-control"].map(
          (name) => `${name}: ${home.headers.get(name)}`,
        );
        const purge = await readPurgeStatus(db);
        expect.fail(
          `change ${i} was not visible through Varnish after ${VISIBLE_WITHIN_MS / 1000} s (its cached copy is kept an hour: the purge did not reach it); / now: ${headers.join(", ")}; last purge: ${JSON.stringify(purge)}\n${upstate.output()}`,
        );
      }
    }
    console.log(`write → visible through Varnish: ${delays.map((ms) => `${ms} ms`).join(", ")}`);

    // Purged 20 times, never for the incident no change named: still the same cached object.
    const again = await get(untouchedUrl);
    expect(again.headers.get("x-cache")).toBe("HIT");
    expect(again.headers.get("x-varnish")!.split(" ")[1]).toBe(objectId);
    expect((await varnish.counters())["MAIN.cache_hit"]!).toBeGreaterThan(hitsBefore);
    const status = await readPurgeStatus(db);
    expect(status?.lastError).toBeNull();
    expect(status?.lastSuccessAt).toBeInstanceOf(Date);

    // The pages as Varnish holds them once settled (a copy Upstate was re-rendering when Varnish
    // asked is kept only a moment: wait until Varnish holds the new one).
    const cachedBody = async (page: string) => {
      let body = "";
      const hit = await until(async () => {
        const response = await get(`${edge}${page}`);
        body = response.body;
        return response.headers.get("x-cache") === "HIT" && response.headers.get("x-upstate-cache") !== "STALE";
      }, 10_000);
      expect(hit, `${page} is cached`).toBe(true);
      return body;
    };
    const last = {
      home: await cachedBody("/"),
      summary: await cachedBody("/api/v2/summary.json"),
      incident: await cachedBody(`/incidents/${updated.id}`),
    };
    expect(last.home).toContain("Edge change 18");
    await upstate.stop();
    // At once, and once Varnish's probe has found Upstate gone.
    for (const wait of [0, 4_000]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      for (const [page, body] of [
        ["/", last.home],
        ["/api/v2/summary.json", last.summary],
        [`/incidents/${updated.id}`, last.incident],
        [`/incidents/${untouched.id}`, again.body],
      ] as const) {
        const served = await get(`${edge}${page}`);
        expect(served.status, page).toBe(200);
        expect(served.body, page).toBe(body);
      }
    }
  }, 300_000);
});
