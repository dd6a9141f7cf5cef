// `npm run bench [-- --large] [--flood] [--edge] [--api] [--duration 10] [--connections 100]`, or `-- --markdown` for
// the render times of hostile and at-the-limit markdown only (scripts/bench/markdown.ts).
// Starts the production server on a seeded database, records each public page, starts a bare
// Node http server returning the same bytes and headers (the limit for a Node process here),
// loads both in turn with autocannon and prints req/s, p50 and p99 with the ratio to the bare
// server. With --large, adds 10,000 incidents, 200 components and 3 years of history first. Prints
// the uncached render time of / and /history (median and p95 of 20, one at a time, with the
// server's CPU time per render). With --flood, measures the server under a flood of made-up URLs
// and the time from a write to the change on two servers instead (scripts/bench/flood.ts). With
// --edge, measures Upstate behind Varnish, purged on each change, instead (scripts/bench/edge.ts).
import { type ChildProcess, fork, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { ROOT_DIR } from "../lib/config.ts";
import { createDb } from "../lib/db/client.ts";
import { freePort } from "../lib/db/embedded.ts";
import { migrate } from "../lib/db/migrate.ts";
import { seedDemo } from "../lib/seed/seed-demo.ts";
import { ensureBuilt } from "../lib/server/build.ts";
import { createScratchDatabase, openTestServer } from "../tests/support/scratch-database.ts";
import { waitForServer } from "../tests/support/wait-for-server.ts";
import { runApiBench } from "./bench/api.ts";
import { runEdgeBench } from "./bench/edge.ts";
import { JUNK, runFloodBench } from "./bench/flood.ts";
import { addLargeDataset } from "./bench/large-dataset.ts";
import { benchMarkdown } from "./bench/markdown.ts";

const BENCH_SECRET = "bench-secret-not-for-production";

const args = process.argv.slice(2);
if (args.includes("--markdown")) {
  await benchMarkdown();
  process.exit(0);
}
const large = args.includes("--large");
const flood = args.includes("--flood");
const edge = args.includes("--edge");
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const duration = option("--duration", 10);
const connections = option("--connections", 100);

type Recorded = { status: number; headers: Record<string, string>; body: Buffer };

type Encoding = "identity" | "gzip";
const ENCODINGS: Encoding[] = ["identity", "gzip"];

async function record(url: string, encoding: Encoding = "identity"): Promise<Recorded> {
  // The bytes as sent: fetch would decompress a gzip body and leave its headers saying gzip.
  const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get(url, { headers: { "accept-encoding": encoding } }, resolve).on("error", reject),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined || ["connection", "keep-alive", "transfer-encoding", "date"].includes(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) };
}

async function load(url: string, encoding: Encoding = "identity") {
  // Identity: no Accept-Encoding at all, as a plain client sends.
  const headers = encoding === "gzip" ? { "accept-encoding": "gzip" } : undefined;
  const result = await autocannon({ url, connections, duration, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * CPU time used so far by a process and its descendants (the app runs under tsx, in a child),
 * from /proc: on a shared machine wall times include waiting for a core, CPU time does not.
 * Null where there is no /proc.
 */
async function cpuMsOfTree(rootPid: number): Promise<number | null> {
  const TICKS_PER_SECOND = 100;
  try {
    const processes: { pid: number; ppid: number; ticks: number }[] = [];
    for (const entry of await readdir("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
      // Fields after the command name: state ppid … utime (12th) stime (13th).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields.length > 12)
        processes.push({ pid: Number(entry), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    }
    const tree = new Set([rootPid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of processes) {
        if (tree.has(p.ppid) && !tree.has(p.pid)) {
          tree.add(p.pid);
          grew = true;
        }
      }
    }
    const ticks = processes.filter((p) => tree.has(p.pid)).reduce((sum, p) => sum + p.ticks, 0);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

async function renderTimes(
  url: string,
  cookie: string,
  serverPid: number,
  count = 20,
): Promise<{ median: number; p95: number; cpuPerRender: number | null }> {
  // A few renders first, as a running server has had: the JavaScript engine optimizes hot code.
  for (let i = 0; i < 5; i++) await (await fetch(url, { headers: { cookie } })).arrayBuffer();
  const times: number[] = [];
  const cpuBefore = await cpuMsOfTree(serverPid);
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.arrayBuffer();
    times.push(performance.now() - t);
  }
  const cpuAfter = await cpuMsOfTree(serverPid);
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(count / 2)]!,
    p95: times[Math.floor(count * 0.95)]!,
    cpuPerRender: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / count,
  };
}

const pad = (text: string, width: number) => text.padEnd(width);
const num = (n: number, digits = 0) => n.toFixed(digits).padStart(9);

await ensureBuilt(ROOT_DIR);
if (args.includes("--notify")) {
  // A benchmark of its own: notification fan-out and delivery (scripts/bench/notify.ts).
  await import("./bench/notify.ts");
  process.exit(0);
}

const server = await openTestServer();
const database = await createScratchDatabase(server.adminUrl, "upstate_bench");
const tmp = await mkdtemp(path.join(os.tmpdir(), "upstate-bench-"));
let app: ChildProcess | undefined;
const bareServers: ChildProcess[] = [];
const floodServers: ChildProcess[] = [];

try {
  await migrate(database.url);
  const db = createDb(database.url);
  await seedDemo({ db });
  await db.$disconnect();
  if (large) {
    const t = Date.now();
    await addLargeDataset(database.url);
    console.log(`large dataset added in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  if (edge) {
    await runEdgeBench({ databaseUrl: database.url, dataDir: tmp, duration, connections, children: floodServers });
  } else if (args.includes("--api")) {
    await runApiBench({ databaseUrl: database.url, dataDir: tmp, duration, connections, children: floodServers });
  } else if (flood) {
    await runFloodBench({
      databaseUrl: database.url,
      dataDir: tmp,
      duration: option("--duration", 20),
      connections,
      children: floodServers,
    });
  } else {
    await measureThroughput(database.url);
  }
} finally {
  for (const child of [app, ...bareServers, ...floodServers]) {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  }
  await database.drop().catch(() => {});
  await server.close().catch(() => {});
  await rm(tmp, { recursive: true, force: true });
}

/**
 * A session cookie the front server takes for a signed-in staff member's (it checks the token's
 * encryption with NEXTAUTH_SECRET), so that the request skips the cache and is rendered: the
 * uncached render time. (A made-up cookie is an anonymous request, answered from the cache.)
 */
async function staffCookie(): Promise<string> {
  const token = await encode({ secret: BENCH_SECRET, token: { sub: "bench" }, maxAge: 3600 });
  return `next-auth.session-token=${token}`;
}

/** The public pages under load, against a bare Node server returning the same bytes. */
async function measureThroughput(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Incident" WHERE name = 'Degraded Authkit Service'`);
  await client.end();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  app = spawn(process.execPath, [path.join(ROOT_DIR, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      UPSTATE_DATA_DIR: tmp,
      NEXTAUTH_SECRET: BENCH_SECRET,
    },
    stdio: "ignore",
  });
  // The server renders `/` before it takes requests: the first request for it below is served
  // from the cache.
  await waitForServer(`${base}/api/v2/status.json`, { timeoutMs: 180_000, exited: () => app?.exitCode !== null });

  const candidates = [
    "/",
    `/incidents/${rows[0]!.id}`,
    "/history",
    "/api/v2/summary.json",
    "/api/v2/incidents.json",
    "/history.atom",
    "/badge.svg",
  ];
  const recorded: Record<string, Recorded> = {};
  let firstRenderOfHome = 0;
  for (const p of candidates) {
    const t = performance.now();
    const r = await record(`${base}${p}`);
    if (p === "/") firstRenderOfHome = performance.now() - t;
    if (r.status === 200) recorded[p] = r;
  }
  const home = recorded["/"]!;
  console.log(
    `\n/ is ${(home.body.length / 1024).toFixed(1)} KB uncompressed, ${(gzipSync(home.body).length / 1024).toFixed(1)} KB gzipped`,
  );

  // One after the other: each figure is a render with the server to itself. The server's CPU
  // time per render is printed too, since on a busy machine the wall time includes waiting.
  const [loadAverage = 0] = os.loadavg();
  console.log(
    `\nUncached server renders${large ? " (large dataset)" : ""}, 20 each after 5 to warm up, one at a time; load average ${loadAverage.toFixed(1)} on ${os.availableParallelism()} cores`,
  );
  console.log(
    `first request for / after start ${firstRenderOfHome.toFixed(1)} ms (rendered as the server started, so from the cache)`,
  );
  for (const p of ["/", "/history"]) {
    const t = await renderTimes(`${base}${p}`, await staffCookie(), app.pid!);
    const cpu = t.cpuPerRender === null ? "" : `, server CPU ${t.cpuPerRender.toFixed(0)} ms a render`;
    console.log(`uncached render of ${pad(p, 9)} median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms${cpu}`);
  }

  // One bare server per encoding, each answering without looking at the request's headers.
  const barePorts = {} as Record<Encoding, number>;
  for (const encoding of ENCODINGS) {
    const variants: Record<string, Recorded> = {};
    for (const p of Object.keys(recorded))
      variants[p] = encoding === "identity" ? recorded[p]! : await record(`${base}${p}`, encoding);
    const file = path.join(tmp, `recorded-${encoding}.json`);
    await writeFile(
      file,
      JSON.stringify(
        Object.fromEntries(
          Object.entries(variants).map(([p, r]) => [
            p,
            { status: r.status, headers: r.headers, body: r.body.toString("base64") },
          ]),
        ),
      ),
    );
    barePorts[encoding] = await freePort();
    const child = fork(path.join(ROOT_DIR, "scripts/bench/bare-server.ts"), [file, String(barePorts[encoding])], {
      execArgv: ["--import", "tsx"],
      stdio: "ignore",
    });
    bareServers.push(child);
    await once(child, "message");
  }

  const barePids = Object.fromEntries(ENCODINGS.map((encoding, i) => [encoding, bareServers[i]!.pid!])) as Record<
    Encoding,
    number
  >;
  // Req/s on a shared machine depends on what else ran in those seconds; the server's CPU time per
  // request much less so: both are printed, with the ratio of each to the bare server.
  const measured = async (url: string, encoding: Encoding, pid: number) => {
    const cpuBefore = await cpuMsOfTree(pid);
    const result = await load(url, encoding);
    const cpuAfter = await cpuMsOfTree(pid);
    const total = result.rps * duration;
    const cpuMicros = cpuBefore === null || cpuAfter === null || total === 0 ? null : ((cpuAfter - cpuBefore) * 1000) / total;
    return { ...result, cpuMicros };
  };
  const table = async (paths: string[]) => {
    const [loadNow = 0] = os.loadavg();
    console.log(`\nautocannon, ${connections} connections, ${duration} s per run; load average ${loadNow.toFixed(1)}\n`);
    console.log(
      `${pad("path", 28)}${pad("encoding", 10)}${pad("server", 10)}     req/s       p50       p99    errors  CPU µs/req  ratio (req/s, CPU)`,
    );
    const cpu = (micros: number | null) => (micros === null ? "         -" : micros.toFixed(1).padStart(10));
    for (const p of paths) {
      const label = p.startsWith("/incidents/") ? "/incidents/<reference>" : p;
      for (const encoding of ENCODINGS) {
        const ours = await measured(`${base}${p}`, encoding, app!.pid!);
        const limit = await measured(`http://127.0.0.1:${barePorts[encoding]}${p}`, encoding, barePids[encoding]);
        const cpuRatio = ours.cpuMicros && limit.cpuMicros ? (limit.cpuMicros / ours.cpuMicros).toFixed(2) : "-";
        console.log(
          `${pad(label, 28)}${pad(encoding, 10)}${pad("upstate", 10)}${num(ours.rps)}${num(ours.p50, 1)}${num(ours.p99, 1)}${num(ours.errors)}  ${cpu(ours.cpuMicros)}  ${(ours.rps / limit.rps).toFixed(2)}, ${cpuRatio}`,
        );
        console.log(
          `${pad("", 28)}${pad("", 10)}${pad("bare node", 10)}${num(limit.rps)}${num(limit.p50, 1)}${num(limit.p99, 1)}${num(limit.errors)}  ${cpu(limit.cpuMicros)}`,
        );
      }
    }
  };
  await table(Object.keys(recorded));

  // The second case: the small responses again once thousands of made-up URLs have been
  // asked for (and rendered, and mostly refused), leaving the process a bigger heap.
  let junk = 0;
  await autocannon({
    url: base,
    connections: 20,
    amount: 3000,
    requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: JUNK[++junk % JUNK.length]!(junk) }) }],
  });
  console.log("\nafter 3000 made-up URLs:");
  await table(["/api/v2/summary.json", "/badge.svg"].filter((p) => p in recorded));
}
