import { type ChildProcess, fork, spawn } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ROOT_DIR } from "../../lib/config.ts";
import { createDb } from "../../lib/db/client.ts";
import { freePort } from "../../lib/db/embedded.ts";
import { makeIncident, makeStaff } from "../../tests/support/factories.ts";
import { type RunningVarnish, startVarnish, varnishAvailable } from "../../tests/support/varnish.ts";
import { waitForServer } from "../../tests/support/wait-for-server.ts";

// `npm run bench -- --edge`: Upstate behind Varnish (deploy/varnish/upstate.vcl), purged on
// every change (EDGE_PURGE=varnish://…).
// 1. The public page through Varnish at `connections` connections, against a second Varnish
//    (same VCL) in front of a bare server returning the same bytes and headers: the edge's cost
//    of Upstate's page is then only what Upstate's headers make it cost.
// 2. Write → the new page at the edge: 20 incidents created through lib/ (the purge is queued in
//    the write's transaction), each polled through Varnish until it shows, while a crowd reloads.
// 3. How many requests reached Upstate during all that (Varnish's backend request counter).

type Options = { databaseUrl: string; dataDir: string; duration: number; connections: number; children: ChildProcess[] };

const ms = (n: number) => `${n.toFixed(0)} ms`;

export async function runEdgeBench(options: Options): Promise<void> {
  if (!varnishAvailable()) throw new Error("--edge needs varnishd (Debian's varnish package).");
  const upstatePort = await freePort();
  const varnishes: RunningVarnish[] = [];
  try {
    const edge = await startVarnish({ backendPort: upstatePort, memory: "256m" });
    varnishes.push(edge);
    process.env.EDGE_PURGE = `varnish://127.0.0.1:${edge.port}`;
    const upstate = spawn(process.execPath, [path.join(ROOT_DIR, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        PORT: String(upstatePort),
        HOST: "127.0.0.1",
        UPSTATE_DATA_DIR: options.dataDir,
      },
      stdio: "ignore",
    });
    options.children.push(upstate);
    await waitForServer(`http://127.0.0.1:${upstatePort}/api/v2/status.json`, {
      timeoutMs: 180_000,
      exited: () => upstate.exitCode !== null,
    });
    await waitForServer(`${edge.url}/api/v2/status.json`, { timeoutMs: 30_000 });

    // The page as Varnish fetches it (gzip), raw, for the bare server to return byte for byte.
    const { headers, body } = await getRaw(`http://127.0.0.1:${upstatePort}/`, { "accept-encoding": "gzip" });
    const file = path.join(options.dataDir, "edge-recorded.json");
    await writeFile(file, JSON.stringify({ "/": { status: 200, headers, body: body.toString("base64") } }));
    const barePort = await freePort();
    const bare = fork(path.join(ROOT_DIR, "scripts/bench/bare-server.ts"), [file, String(barePort)], {
      execArgv: ["--import", "tsx"],
      stdio: "ignore",
    });
    options.children.push(bare);
    await once(bare, "message");
    const staticEdge = await startVarnish({ backendPort: barePort, memory: "256m" });
    varnishes.push(staticEdge);
    await waitForServer(`${staticEdge.url}/`, { timeoutMs: 30_000 });

    const backendBefore = (await edge.counters())["MAIN.backend_req"] ?? 0;
    const [loadAverage = 0] = os.loadavg();
    console.log(
      `\nEdge: / (${(body.length / 1024).toFixed(1)} KB gzipped) through Varnish, ${options.connections} connections, gzip, ${options.duration} s per run; load average ${loadAverage.toFixed(1)} on ${os.availableParallelism()} cores`,
    );
    const load = (url: string) =>
      autocannon({ url, connections: options.connections, duration: options.duration, headers: { "accept-encoding": "gzip" } });
    const ours = await load(`${edge.url}/`);
    const still = await load(`${staticEdge.url}/`);
    const line = (label: string, r: autocannon.Result) =>
      `${label.padEnd(34)}${Math.round(r.requests.average).toString().padStart(9)} req/s  p99 ${r.latency.p99} ms  ${r.non2xx + r.errors + r.timeouts} errors`;
    console.log(line("Varnish → Upstate", ours));
    console.log(line("Varnish → a static file, same bytes", still));
    console.log(`ratio ${(ours.requests.average / still.requests.average).toFixed(2)}`);

    // Write → visible at the edge, with a crowd reloading / through Varnish meanwhile.
    const db = createDb(options.databaseUrl);
    const actor = await makeStaff(db);
    const crowd = autocannon({
      url: `${edge.url}/`,
      connections: Math.max(1, Math.round(options.connections / 5)),
      duration: 30,
      headers: { "accept-encoding": "gzip" },
    });
    const delays: number[] = [];
    try {
      for (let round = 1; round <= 20; round++) {
        const name = `Edge bench ${round} ${Date.now()}`;
        const started = performance.now();
        await makeIncident(db, { actor, name });
        let seen = Number.POSITIVE_INFINITY;
        while (performance.now() - started < 10_000) {
          if ((await (await fetch(`${edge.url}/`)).text()).includes(name)) {
            seen = performance.now() - started;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        delays.push(seen);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    } finally {
      await db.$disconnect();
    }
    const crowdResult = await crowd;
    delays.sort((a, b) => a - b);
    console.log(
      `\nwrite → new page at the edge over 20 writes (a crowd of ${crowdResult.requests.total} requests meanwhile): min ${ms(delays[0]!)}, median ${ms(delays[10]!)}, max ${ms(delays[19]!)}`,
    );
    const backendRequests = ((await edge.counters())["MAIN.backend_req"] ?? 0) - backendBefore;
    const served = ours.requests.total + crowdResult.requests.total;
    console.log(
      `requests reaching Upstate during the edge run: ${backendRequests} (for ${served} served by Varnish, and its health probe each second)`,
    );
  } finally {
    for (const varnish of varnishes) await varnish.stop();
    delete process.env.EDGE_PURGE;
  }
}

/** A response's bytes as sent (fetch would decompress them) and its headers, but those of the connection. */
export function getRaw(
  url: string,
  requestHeaders: Record<string, string>,
): Promise<{ headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: requestHeaders }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (
              value === undefined ||
              ["connection", "keep-alive", "transfer-encoding", "date", "x-upstate-cache"].includes(name)
            )
              continue;
            headers[name] = Array.isArray(value) ? value.join(", ") : value;
          }
          resolve({ headers, body: Buffer.concat(chunks) });
        });
      })
      .on("error", reject);
  });
}
