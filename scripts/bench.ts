// `npm run bench [-- --large] [--flood] [--api] [--duration 10] [--connections 100]`, or `-- --markdown` for
// the render times of hostile and at-the-limit markdown only (scripts/bench/markdown.ts).
// Starts the production server on a seeded database, records each public page, starts a bare
// Node http server returning the same bytes and headers (the limit for a Node process here),
// loads both in turn with autocannon and prints req/s, p50 and p99 with the ratio to the bare
// server. With --large, adds 10,000 incidents, 200 components and 3 years of history first. Prints
// the uncached render time of / and /history (median and p95 of 20, one at a time, with the
// server's CPU time per render). With --flood, measures the server under a flood of made-up URLs
// and the time from a write to the change on two servers instead (scripts/bench/flood.ts).
import { type ChildProcess, fork, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import pg from "pg";
import { ROOT_DIR } from "../lib/config.ts";
import { createDb } from "../lib/db/client.ts";
import { freePort } from "../lib/db/embedded.ts";
import { migrate } from "../lib/db/migrate.ts";
import { seedDemo } from "../lib/seed/seed-demo.ts";
import { buildApp, buildIsCurrent } from "../lib/server/build.ts";
import { createScratchDatabase, openTestServer } from "../tests/support/scratch-database.ts";
import { waitForServer } from "../tests/support/wait-for-server.ts";
import { runApiBench } from "./bench/api.ts";
import { runFloodBench } from "./bench/flood.ts";
import { addLargeDataset } from "./bench/large-dataset.ts";
import { benchMarkdown } from "./bench/markdown.ts";

const args = process.argv.slice(2);
if (args.includes("--markdown")) {
  await benchMarkdown();
  process.exit(0);
}
const large = args.includes("--large");
const flood = args.includes("--flood");
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const duration = option("--duration", 10);
const connections = option("--connections", 100);

type Recorded = { status: number; headers: Record<string, string>; body: Buffer };

async function record(url: string): Promise<Recorded> {
  const response = await fetch(url, { headers: { "accept-encoding": "identity" } });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!["connection", "keep-alive", "transfer-encoding", "date"].includes(name)) headers[name] = value;
  });
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

async function load(url: string) {
  const result = await autocannon({ url, connections, duration });
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

if (!(await buildIsCurrent(ROOT_DIR))) await buildApp(ROOT_DIR);
if (args.includes("--notify")) {
  // A benchmark of its own: notification fan-out and delivery (scripts/bench/notify.ts).
  await import("./bench/notify.ts");
  process.exit(0);
}

const server = await openTestServer();
const database = await createScratchDatabase(server.adminUrl, "upstate_bench");
const tmp = await mkdtemp(path.join(os.tmpdir(), "upstate-bench-"));
let app: ChildProcess | undefined;
let bare: ChildProcess | undefined;
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
  if (args.includes("--api")) {
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
  for (const child of [app, bare, ...floodServers]) {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  }
  await database.drop().catch(() => {});
  await server.close().catch(() => {});
  await rm(tmp, { recursive: true, force: true });
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
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", UPSTATE_DATA_DIR: tmp },
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
    const t = await renderTimes(`${base}${p}`, "next-auth.session-token=bench-bypasses-the-cache", app.pid!);
    const cpu = t.cpuPerRender === null ? "" : `, server CPU ${t.cpuPerRender.toFixed(0)} ms a render`;
    console.log(`uncached render of ${pad(p, 9)} median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms${cpu}`);
  }

  const file = path.join(tmp, "recorded.json");
  await writeFile(
    file,
    JSON.stringify(
      Object.fromEntries(
        Object.entries(recorded).map(([p, r]) => [p, { status: r.status, headers: r.headers, body: r.body.toString("base64") }]),
      ),
    ),
  );
  const barePort = await freePort();
  bare = fork(path.join(ROOT_DIR, "scripts/bench/bare-server.ts"), [file, String(barePort)], {
    execArgv: ["--import", "tsx"],
    stdio: "ignore",
  });
  await once(bare, "message");

  console.log(`\nautocannon, ${connections} connections, ${duration} s per run\n`);
  console.log(`${pad("path", 40)}${pad("server", 10)}     req/s       p50       p99    errors  ratio`);
  for (const p of Object.keys(recorded)) {
    const label = p.startsWith("/incidents/") ? "/incidents/<reference>" : p;
    const ours = await load(`${base}${p}`);
    const limit = await load(`http://127.0.0.1:${barePort}${p}`);
    console.log(
      `${pad(label, 40)}${pad("upstate", 10)}${num(ours.rps)}${num(ours.p50, 1)}${num(ours.p99, 1)}${num(ours.errors)}  ${(ours.rps / limit.rps).toFixed(2)}`,
    );
    console.log(
      `${pad("", 40)}${pad("bare node", 10)}${num(limit.rps)}${num(limit.p50, 1)}${num(limit.p99, 1)}${num(limit.errors)}`,
    );
  }
}
