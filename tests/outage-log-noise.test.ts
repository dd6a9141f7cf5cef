import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT_DIR } from "../lib/config.ts";
import { freePort } from "../lib/db/embedded.ts";
import { ensureBuilt } from "../lib/server/build.ts";
import { ownDatabase } from "./support/db.ts";
import { makeIncident } from "./support/factories.ts";
import { openTcpProxy } from "./support/tcp-proxy.ts";
import { startUpstate, stopAllUpstates } from "./support/upstate-process.ts";

// Issue 13, item 21: during a database outage every failed render printed its stack (~1 KB a
// request, ~1 GB a day at 20 requests a second), and the maintenance scheduler a Prisma stack
// at every tick (and pg-boss a line per failed poll). A failure is printed once, then counted once a
// minute (lib/log/failure-log.ts).

afterAll(stopAllUpstates);

beforeAll(async () => {
  await ensureBuilt(ROOT_DIR);
}, 600_000);

const RENDERS = 40;

describe("logs during a database outage", () => {
  it("print each failure once, not a stack per failed render or per scheduler tick", async () => {
    const { url, db } = await ownDatabase();
    await makeIncident(db, { name: "Before the outage" });
    const direct = new URL(url);
    const proxy = await openTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const upstate = startUpstate({
      DATABASE_URL: proxy.urlFor(url),
      PORT: String(port),
      UPSTATE_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), "upstate-log-noise-")),
      UPSTATE_SCHEDULER: "1",
      // A tick a second, so that a few ticks fail within a short outage.
      UPSTATE_SCHEDULER_INTERVAL_MS: "1000",
    });
    try {
      await upstate.waitFor(/Upstate is ready/);
      // Read first: a tick failing as the connections are cut prints in full, within the outage.
      const before = upstate.output().length;
      await proxy.stop();
      // Pages never rendered before: each one is a render of its own, and each fails.
      for (let i = 0; i < RENDERS; i++) {
        const response = await fetch(`${origin}/incidents/neverrendered${i}`);
        expect(response.status).toBeGreaterThanOrEqual(500);
      }
      // Ticks of the maintenance scheduler with the database away: three or so at one a second.
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      const during = upstate.output().slice(before);
      const stackFrames = during.split("\n").filter((line) => /^\s+at /.test(line)).length;
      // A failure printed in full; the once-a-minute count ("…: 12 more failures since …") is not one,
      // and comes whenever the process's minute ends, maybe within this outage.
      const printed = (subject: string) =>
        during.split("\n").filter((line) => line.includes(subject) && !/: \d+ more failures? since /.test(line)).length;
      const schedulerPrints = printed("the maintenance scheduler failed");
      const renderPrints = printed("/incidents/[id] failed");
      const cachePrints = printed("rendering a public page failed");
      const jobQueuePrints = printed("[upstate] job queue:");
      console.log(
        `${RENDERS} failed renders and the scheduler's ticks printed ${during.split("\n").length} lines, ${stackFrames} stack frames`,
      );
      expect(schedulerPrints).toBe(1);
      expect(renderPrints).toBe(1);
      expect(cachePrints).toBe(1);
      expect(jobQueuePrints).toBeLessThanOrEqual(1);
      // One stack for each of a few subjects, not one per render.
      expect(stackFrames).toBeLessThan(RENDERS * 3);
    } finally {
      await upstate.stop();
      await proxy.stop();
    }
  }, 300_000);
});
