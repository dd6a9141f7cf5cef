import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { ROOT_DIR } from "../../lib/config.ts";
import { freePort } from "../../lib/db/embedded.ts";
import { waitForServer } from "../../tests/support/wait-for-server.ts";

// `npm run bench -- --flood`: what issue 13 measured under attack, on two production servers
// sharing one database.
// 1. A flood of distinct made-up URLs (unknown paths, junk history filters, made-up incidents and
//    API paths) against one server, while a smaller crowd reloads the cached `/` there: the
//    crowd's latency (cache hits must stay fast), what the flood got back (404s, and fast 503s
//    once the render queue is full), and how long after the flood the server was busy.
// 2. Write → visible: a crowd of `connections` on `/` split over both servers; a committed change
//    (with its notification, as lib/ writes do), then both servers polled until `/` shows it.

type Options = { databaseUrl: string; dataDir: string; duration: number; connections: number; children: ChildProcess[] };

/** A production server on `options.databaseUrl`, with `env` added to this process's environment. */
export async function startServer(
  options: Pick<Options, "databaseUrl" | "dataDir" | "children">,
  env: Record<string, string> = {},
): Promise<string> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // BENCH_SERVER_PROFILE_DIR: each server writes a CPU profile there when the bench stops it.
  const profileDir = process.env.BENCH_SERVER_PROFILE_DIR;
  // (In this process, not through tsx's command, which runs the server in a child of its own.)
  const runner = profileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--import", "tsx"]
    : [path.join(ROOT_DIR, "node_modules/tsx/dist/cli.mjs")];
  const child = spawn(process.execPath, [...runner, "scripts/start.ts"], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      UPSTATE_DATA_DIR: options.dataDir,
      ...env,
    },
    stdio: "ignore",
  });
  options.children.push(child);
  await waitForServer(`${base}/api/v2/status.json`, { timeoutMs: 180_000, exited: () => child.exitCode !== null });
  return base;
}

/** Made-up URLs of every kind, one distinct URL per counter value. */
export const JUNK = [
  (i: number) => `/junk-${i}`,
  (i: number) => `/history?component=junk${i}`,
  (i: number) => `/incidents/junk${i}`,
  (i: number) => `/api/v2/junk-${i}.json`,
  (i: number) => `/history?page=${2 + (i % 90_000)}&component=x${i}`,
];

const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function runFloodBench(options: Options): Promise<void> {
  const [first, second] = [await startServer(options), await startServer(options)];
  for (const base of [first, second]) await (await fetch(`${base}/`)).arrayBuffer();

  const floodConnections = Math.max(1, Math.round(options.connections / 2));
  const crowdConnections = Math.max(1, Math.round(options.connections / 5));
  console.log(
    `\nFlood: ${floodConnections} connections of distinct made-up URLs for ${options.duration} s, while ${crowdConnections} connections reload the cached /`,
  );
  let counter = 0;
  const statuses = new Map<number, number>();
  const [flood, crowd] = await Promise.all([
    autocannon({
      url: first,
      connections: floodConnections,
      duration: options.duration,
      requests: [
        {
          setupRequest: (request: autocannon.Request) => {
            counter++;
            return { ...request, path: JUNK[counter % JUNK.length]!(counter) };
          },
          onResponse: (status: number) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          },
        },
      ],
    }),
    autocannon({ url: `${first}/`, connections: crowdConnections, duration: options.duration }),
  ]);
  const floodEnd = performance.now();
  const statusText = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${count} × ${status}`);
  console.log(`flood: ${flood.requests.total} requests, ${statusText.join(", ")}`);
  console.log(
    `cached / during the flood: ${Math.round(crowd.requests.average)} req/s, p50 ${ms(crowd.latency.p50)}, p99 ${ms(crowd.latency.p99)}, max ${ms(crowd.latency.max)}, ${crowd.non2xx + crowd.errors + crowd.timeouts} errors`,
  );
  // Busy afterwards: until an uncached render is taken at once again (no 503, under 1 s).
  let busyMs = 0;
  for (let i = 0; ; i++) {
    const t = performance.now();
    const response = await fetch(`${first}/after-the-flood-${i}`);
    await response.arrayBuffer();
    if (response.status !== 503 && performance.now() - t < 1000) {
      busyMs = t - floodEnd;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`the server took renders again ${(busyMs / 1000).toFixed(1)} s after the flood ended`);

  console.log(`\nWrite → visible on both servers, ${options.connections} connections reloading / over both`);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM "PageSettings" LIMIT 1`);
  const originalName = rows[0]!.name;
  const crowdDuration = 12;
  const crowds = Promise.all(
    [first, second].map((base) =>
      autocannon({ url: `${base}/`, connections: Math.max(1, Math.round(options.connections / 2)), duration: crowdDuration }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const delays: number[] = [];
  try {
    for (let round = 1; round <= 5; round++) {
      const name = `${originalName} (bench ${round})`;
      await client.query("BEGIN");
      await client.query(`UPDATE "PageSettings" SET name = $1`, [name]);
      await client.query(`SELECT pg_notify('upstate_public_change', '{"all":true}')`);
      await client.query("COMMIT");
      const committedAt = performance.now();
      const seen = await Promise.all(
        [first, second].map(async (base) => {
          while (performance.now() - committedAt < 10_000) {
            const html = await (await fetch(`${base}/`)).text();
            if (html.includes(name)) return performance.now() - committedAt;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          return Number.POSITIVE_INFINITY;
        }),
      );
      delays.push(...seen);
      console.log(`change ${round}: visible after ${seen.map(ms).join(" and ")}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.query(`UPDATE "PageSettings" SET name = $1`, [originalName]);
    await client.end();
  }
  const crowdResults = await crowds;
  console.log(
    `write → visible: at most ${ms(Math.max(...delays))} over ${delays.length} (change, server) pairs; the crowd got ${crowdResults.map((r) => Math.round(r.requests.average)).join(" + ")} req/s, p99 ${crowdResults.map((r) => ms(r.latency.p99)).join(" and ")}`,
  );
}
