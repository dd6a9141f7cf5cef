import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT_DIR } from "../lib/config.ts";
import { freePort } from "../lib/db/embedded.ts";
import { buildApp, buildIsCurrent } from "../lib/server/build.ts";
import { ownDatabase } from "./support/db.ts";
import { makeIncident } from "./support/factories.ts";
import { openTcpProxy } from "./support/tcp-proxy.ts";
import { startUpstate, stopAllUpstates } from "./support/upstate-process.ts";

// Issue 13, item 21: during a database outage every failed render printed its stack (~1 KB a
// request, ~1 GB a day at 20 requests a second), and the maintenance scheduler a Prisma stack
// every 15 s (and pg-boss a line per failed poll). A failure is printed once, then counted once a
// minute (lib/log/failure-log.ts).

afterAll(stopAllUpstates);

beforeAll(async () => {
  if (!(await buildIsCurrent(ROOT_DIR))) await buildApp(ROOT_DIR);
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
    });
    try {
      await upstate.waitFor(/Upstate is ready/);
      await proxy.stop();
      const before = upstate.output().length;
      // Pages never rendered before: each one is a render of its own, and each fails.
      for (let i = 0; i < RENDERS; i++) {
        const response = await fetch(`${origin}/incidents/neverrendered${i}`);
        expect(response.status).toBeGreaterThanOrEqual(500);
      }
      // Two ticks of the maintenance scheduler (every 15 s) with the database away.
      await new Promise((resolve) => setTimeout(resolve, 31_000));
      const during = upstate.output().slice(before);
      const stackFrames = during.split("\n").filter((line) => /^\s+at /.test(line)).length;
      const schedulerPrints = during.split("the maintenance scheduler failed").length - 1;
      const renderPrints = during.split("/incidents/[id] failed").length - 1;
      const cachePrints = during.split("rendering a public page failed").length - 1;
      const jobQueuePrints = during.split("[upstate] job queue:").length - 1;
      console.log(
        `${RENDERS} failed renders and 2 scheduler ticks printed ${during.split("\n").length} lines, ${stackFrames} stack frames`,
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
