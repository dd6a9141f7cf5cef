import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT_DIR } from "../lib/config.ts";
import type { Db } from "../lib/db/client.ts";
import { freePort } from "../lib/db/embedded.ts";
import { scheduleMaintenance } from "../lib/maintenance/schedule-maintenance.ts";
import { ensureBuilt } from "../lib/server/build.ts";
import { newSigningSecret } from "../lib/subscribers/tokens.ts";
import { ownDatabase } from "./support/db.ts";
import { makeApiKey, makeComponent, makeStaff } from "./support/factories.ts";
import { nginxAvailable, type RunningNginx, startNginx } from "./support/nginx.ts";
import { startUpstate, stopAllUpstates, type Upstate } from "./support/upstate-process.ts";
import { type RunningVarnish, startVarnish, varnishAvailable } from "./support/varnish.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.ts";

// The deployment README's "Running at scale" describes, for real: two production Upstate
// instances on one PostgreSQL, behind nginx with deploy/nginx/upstate.conf, both running the
// maintenance scheduler, the notification workers and the edge purge worker. What one instance
// writes shows on the other's public page (told by PostgreSQL; the time it takes is printed, and
// measured by `npm run bench -- --edge`, never limited in a test on a shared machine); maintenance, notifications and purges
// happen once, not once per instance; a session made by one is good on the other; and killing one
// instance under a crowd of 100 connections through nginx loses no request.

const hasNginx = nginxAvailable();
const hasVarnish = varnishAvailable();

type Instance = { name: string; port: number; url: string; process: Upstate };

let db: Db;
let apiKey: string;
let admin: { email: string; password: string };
let instances: [Instance, Instance];
let nginx: RunningNginx | undefined;
let varnish: RunningVarnish | undefined;
let hooks: WebhookReceiver | undefined;
let purges: PurgeCounter | undefined;
const dataDirs: string[] = [];
/** The incidents the tests opened through the API, each changed once: each is purged once. */
const openedOnce: string[] = [];
/** A window that fell due while no instance ran: both start at once and race for it. */
let overdueWindowId: string;

afterAll(async () => {
  await stopAllUpstates();
  await varnish?.stop();
  await nginx?.stop();
  await hooks?.close();
  await purges?.close();
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

beforeAll(async () => {
  if (!hasNginx) return;
  await ensureBuilt(ROOT_DIR);
  const database = await ownDatabase();
  db = database.db;
  apiKey = (await makeApiKey(db, { scopes: ["admin"], name: "multi-instance" })).secret;
  admin = await makeStaff(db, { role: "admin" });
  hooks = await startWebhookReceiver();
  purges = await startPurgeCounter();
  await db.subscriber.create({
    data: {
      channel: "webhook",
      target: hooks.url("/hook"),
      state: "active",
      manageTokenHash: `multi-instance-${randomBytes(8).toString("hex")}`,
      // Signed, so that each delivery carries its id (webhook-id: msg_<delivery id>).
      signingSecret: newSigningSecret(),
    },
  });
  const actor = await makeStaff(db);
  ({ id: overdueWindowId } = await scheduleMaintenance({
    db,
    actor,
    input: {
      name: "Overdue window",
      message: "Started and completed by whichever instance gets there first.",
      scheduledFor: new Date(Date.now() - 3_600_000),
      scheduledUntil: new Date(Date.now() - 1_800_000),
    },
  }));

  const ports = [await freePort(), await freePort()] as const;
  nginx = await startNginx({ instancePorts: ports });
  // The whole chain the README describes: Varnish's backend is nginx, and every instance purges it.
  if (hasVarnish) varnish = await startVarnish({ backendPort: nginx.port });
  const purgeAddresses = [`127.0.0.1:${purges.port}`, ...(varnish ? [`127.0.0.1:${varnish.port}`] : [])];
  const start = async (name: string, port: number): Promise<Instance> => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), `upstate-${name}-`));
    dataDirs.push(dataDir);
    const upstate = startUpstate(
      {
        DATABASE_URL: database.url,
        PORT: String(port),
        UPSTATE_DATA_DIR: dataDir,
        // What the instances must share (README, "Running at scale"): the database above, the
        // session secret and the public URL, which is nginx's here.
        NEXTAUTH_SECRET: "multi-instance-shared-secret",
        PUBLIC_URL: nginx!.url,
        UPSTATE_TRUSTED_PROXIES: "1",
        UPSTATE_SCHEDULER: "1",
        // Both schedulers look every second: a window falls due soon, and they race for it often.
        UPSTATE_SCHEDULER_INTERVAL_MS: "1000",
        UPSTATE_WEBHOOK_ALLOW_PRIVATE: "1",
        EDGE_PURGE: `varnish://${purgeAddresses.join(",")}`,
      },
      { processGroup: true },
    );
    await upstate.waitFor(/Upstate is ready/);
    return { name, port, url: `http://127.0.0.1:${port}`, process: upstate };
  };
  instances = await Promise.all([start("a", ports[0]), start("b", ports[1])]);
}, 600_000);

describe.skipIf(!hasNginx)("two Upstate instances behind nginx, on one database", () => {
  it("shows a write made on one instance on the other's public page", async () => {
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Written on one instance, read on the other, alternately.
      const [writer, reader] = i % 2 === 0 ? instances : [instances[1], instances[0]];
      const name = `Written on ${writer.name} number ${i} ${randomBytes(3).toString("hex")}`;
      const created = await api(writer.url, "POST", "/incidents", {
        incident: { name, status: "investigating", body: "Seen from the other instance?" },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      openedOnce.push(created.body.id as string);
      // From the write's answer (it has committed) to the page that shows it.
      const started = Date.now();
      const shown = await poll(async () => (await text(`${reader.url}/`)).includes(name), 15_000);
      const delay = Date.now() - started;
      expect(shown, `"${name}" written on ${writer.name} never showed on ${reader.name}'s page (15 s)`).toBe(true);
      delays.push(delay);
    }
    const sorted = [...delays].sort((a, b) => a - b);
    const median = (sorted[2]! + sorted[3]!) / 2;
    console.log(
      `write on one instance → visible on the other's page: ${delays.map((ms) => `${ms} ms`).join(", ")} (median ${median} ms; load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
    // Told by PostgreSQL's notifications, not found by the fallback that polls while they fail.
    for (const instance of instances) expect(instance.process.output()).not.toContain("change listener's connection is down");
  });

  it("accepts a session made by one instance on the other (one NEXTAUTH_SECRET)", async () => {
    const [a, b] = instances;
    // The sign-in form's token from one instance, the sign-in posted to the other: behind a
    // balancer the two requests often reach different instances.
    const csrf = await fetch(`${b.url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signedIn = await fetch(`${a.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf) },
      body: new URLSearchParams({ csrfToken, email: admin.email, password: admin.password, json: "true" }).toString(),
    });
    const session = cookiesOf(signedIn);
    expect(session, `signing in on ${a.name} answered ${signedIn.status} without a session`).toContain("session-token=");

    for (const instance of [b, a]) {
      const page = await fetch(`${instance.url}/admin`, { headers: { cookie: session }, redirect: "manual" });
      expect(page.status, `the admin on ${instance.name}`).toBe(200);
      const body = await page.text();
      expect(body).toContain("Upstate admin");
      expect(body).toContain("Sign out");
    }
    // Without the cookie, the same page sends to sign-in: the session is what let us in.
    const anonymous = await fetch(`${b.url}/admin`, { redirect: "manual" });
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get("location")).toContain("/admin/sign-in");

    // A staff write as a browser without JavaScript sends it: the admin's form, posted through
    // nginx from the page's own origin. Next.js runs a form's action only when the Origin matches
    // the Host it was sent to, which nginx must pass on unchanged.
    const component = await makeComponent(db, { name: "Set through nginx" });
    const page = await fetch(`${nginx!.url}/admin/components`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    const fields = formFields(await page.text(), (names) => names.get("componentId") === component.id && names.has("status"));
    fields.set("status", "partial_outage");
    const form = new FormData();
    for (const [name, value] of fields) form.append(name, value);
    const saved = await fetch(`${nginx!.url}/admin/components`, {
      method: "POST",
      headers: { cookie: session, origin: nginx!.url },
      body: form,
      redirect: "manual",
    });
    expect(saved.status, (await saved.text()).slice(0, 500)).toBeLessThan(400);
    const after = await db.component.findUniqueOrThrow({ where: { id: component.id } });
    expect(after.status).toBe("partial_outage");
    expect(await db.auditLog.count({ where: { targetId: component.id, actorEmail: admin.email } })).toBe(1);
  });

  it.skipIf(!hasVarnish)(
    "serves the deployment's chain: Varnish in front of nginx, purged by the instance that made a change",
    async () => {
      const edge = varnish!.url;
      // Varnish's probe finds nginx (and the instances behind it) within a few seconds.
      expect(await poll(async () => (await fetch(`${edge}/api/v2/status.json`)).ok, 15_000), "Varnish serves").toBe(true);
      await text(`${edge}/`);
      expect((await fetch(`${edge}/`)).headers.get("x-cache")).toBe("HIT");
      // A write through the chain (Varnish passes the API), shown through it once purged.
      const name = `Through Varnish ${randomBytes(3).toString("hex")}`;
      const created = await api(edge, "POST", "/incidents", {
        incident: { name, status: "investigating", body: "Edge to origin." },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      openedOnce.push(created.body.id as string);
      expect(await poll(async () => (await text(`${edge}/`)).includes(name), 15_000), `"${name}" through Varnish`).toBe(true);
    },
  );

  // A longer limit for a hung test: the windows wait for the schedulers' ticks.
  it("starts and completes maintenance once, delivers each update once and purges each change once", async () => {
    // A window falling due while both run (each instance's scheduler looks every second).
    const soon = await api(nginx!.url, "POST", "/incidents", {
      incident: {
        name: "Window during the run",
        status: "scheduled",
        body: "Both instances will see this fall due.",
        scheduled_for: new Date(Date.now() + 2_000).toISOString(),
        scheduled_until: new Date(Date.now() + 4_000).toISOString(),
        scheduled_auto_in_progress: true,
        scheduled_auto_completed: true,
      },
    });
    expect(soon.status, JSON.stringify(soon.body)).toBe(201);
    const windows = [overdueWindowId, soon.body.id as string];
    const statusOf = async (id: string) => (await db.incident.findUniqueOrThrow({ where: { id } })).status;
    for (const id of windows) {
      expect(await poll(async () => (await statusOf(id)) === "completed", 60_000), `window ${id} completed`).toBe(true);
    }
    // Both instances ran the scheduler; between them they started and completed each window once
    // (each logs what it did just after doing it).
    for (const instance of instances) expect(instance.process.output()).toContain("maintenance scheduler started");
    const acted = () => {
      const total = { started: 0, completed: 0 };
      const pattern = /maintenance: reminded \d+, started (\d+), completed (\d+)/g;
      for (const instance of instances) {
        for (const [, started, completed] of instance.process.output().matchAll(pattern)) {
          total.started += Number(started);
          total.completed += Number(completed);
        }
      }
      return total;
    };
    await poll(async () => acted().completed >= windows.length, 15_000);
    expect(acted()).toEqual({ started: windows.length, completed: windows.length });
    // Then every job the changes queued has run (the webhooks and purges they caused included).
    const finished = await poll(async () => (await unfinishedJobs()).length === 0, 60_000);
    expect(finished, `jobs still waiting: ${JSON.stringify(await unfinishedJobs())}`).toBe(true);
    expect(await failedJobs()).toBe(0);

    for (const id of windows) {
      const updates = await db.incidentUpdate.findMany({ where: { incidentId: id }, select: { status: true } });
      expect(updates.map((update) => update.status).sort(), `the updates of window ${id}`).toEqual([
        "completed",
        "in_progress",
        "scheduled",
      ]);
      const audit = await db.auditLog.findMany({ where: { targetId: id }, select: { action: true } });
      expect(audit.filter((row) => row.action === "maintenance.started")).toHaveLength(1);
      expect(audit.filter((row) => row.action === "maintenance.completed")).toHaveLength(1);
    }

    // One delivery per update (to the one subscriber), each POSTed once: Standard Webhooks' id
    // is the delivery's, the same on a retry.
    const incidentIds = [...openedOnce, ...windows];
    const updates = await db.incidentUpdate.findMany({
      where: { incidentId: { in: incidentIds }, deliverNotifications: true },
      select: { id: true },
    });
    const deliveries = await db.delivery.findMany({
      where: { notification: { incidentId: { in: incidentIds } } },
      select: { id: true, state: true, notification: { select: { updateId: true } } },
    });
    for (const update of updates) {
      expect(
        deliveries.filter((delivery) => delivery.notification.updateId === update.id),
        `deliveries of update ${update.id}`,
      ).toHaveLength(1);
    }
    expect(deliveries.map((delivery) => delivery.state)).toEqual(deliveries.map(() => "sent"));
    const posted = new Map<string, number>();
    for (const received of hooks!.received) {
      const id = String(received.headers["webhook-id"]);
      posted.set(id, (posted.get(id) ?? 0) + 1);
    }
    for (const delivery of deliveries) expect(posted.get(`msg_${delivery.id}`), `POSTs of delivery ${delivery.id}`).toBe(1);
    expect(hooks!.received).toHaveLength(posted.size);

    // Each incident opened above changed once: one ban names it, from one instance or the other.
    for (const id of openedOnce) {
      expect(
        purges!.bans.filter((tags) => tags.includes(`incident-${id}`)),
        `bans of incident-${id}`,
      ).toHaveLength(1);
    }
    for (const id of windows)
      expect(purges!.bans.some((tags) => tags.includes(`incident-${id}`) || tags.includes("upstate"))).toBe(true);
    console.log(
      `${hooks!.received.length} webhooks, one per delivery (${updates.length} for incident updates, the rest for a component change); ${purges!.bans.length} bans for the changes (coalesced)`,
    );
  }, 240_000);

  it("loses no request through nginx when an instance is killed under 100 connections", async () => {
    const [a, b] = instances;
    const paths = ["/", "/api/v2/summary.json", "/history", `/incidents/${openedOnce[0]}`];
    let load!: autocannon.Instance;
    const done = new Promise<autocannon.Result>((resolve, reject) => {
      load = autocannon(
        {
          url: nginx!.url,
          connections: 100,
          duration: 6,
          requests: paths.map((pathname) => ({ method: "GET", path: pathname })),
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });
    const statuses = new Map<number, number>();
    load.on("response", (_client, statusCode) => statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1));
    const killedAfter = await new Promise<number>((resolve) => {
      // Killed while the load runs, once a few thousand requests went through both.
      const started = Date.now();
      const check = setInterval(() => {
        const answered = [...statuses.values()].reduce((sum, count) => sum + count, 0);
        if (answered >= 2_000 || Date.now() - started > 3_000) {
          clearInterval(check);
          void a.process.kill("SIGKILL").then(() => resolve(answered));
        }
      }, 20);
    });
    const result = await done;
    const errorLog = await nginx!.errorLog();
    const retried = (errorLog.match(/while (connecting to|reading response header from) upstream/g) ?? []).length;
    console.log(
      `load through nginx: ${result.requests.total} requests (${killedAfter} answered before ${a.name} was killed), statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${result.errors} errors, ${result.timeouts} timeouts; nginx logged ${retried} upstream failures (the config retries them on ${b.name})`,
    );
    expect(
      { non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, resets: result.resets },
      `requests lost; nginx's error log:\n${errorLog.slice(-3_000)}`,
    ).toEqual({ non2xx: 0, errors: 0, timeouts: 0, resets: 0 });
    expect(result.requests.total).toBeGreaterThan(killedAfter);

    // A staff write through nginx still lands (the dead instance's refused connection is retried,
    // though a POST already sent would not be).
    const name = `After the kill ${randomBytes(3).toString("hex")}`;
    const created = await api(nginx!.url, "POST", "/incidents", {
      incident: { name, status: "investigating", body: "Still here." },
    });
    expect(created.status).toBe(201);
    expect(await poll(async () => (await text(`${nginx!.url}/`)).includes(name), 15_000)).toBe(true);
  });
});

describe.skipIf(!hasNginx)("deploy/nginx/upstate.conf when every instance answers 503 for one page", () => {
  it("keeps every instance in rotation, so the pages they still serve are served", async () => {
    // Stand-ins for two instances whose render queue is full (or whose database is down): a page
    // they never rendered answers 503 on both, the pages in their caches 200.
    const standIns = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<http.Server>((resolve) => {
            const server = http.createServer((req, res) => {
              res.writeHead(req.url === "/never-rendered" ? 503 : 200, { "retry-after": "5" });
              res.end();
            });
            server.listen(0, "127.0.0.1", () => resolve(server));
          }),
      ),
    );
    const balancer = await startNginx({ instancePorts: standIns.map((server) => (server.address() as AddressInfo).port) });
    try {
      const statuses: [string, number][] = [];
      for (const pathname of ["/", "/never-rendered", "/never-rendered", "/", "/api/v2/summary.json", "/"]) {
        statuses.push([pathname, (await fetch(`${balancer.url}${pathname}`)).status]);
      }
      // Were a 503 to take an instance out (max_fails), both would be out after two, and nginx
      // would answer everything 502 ("no live upstreams") for fail_timeout.
      expect(statuses).toEqual([
        ["/", 200],
        ["/never-rendered", 503],
        ["/never-rendered", 503],
        ["/", 200],
        ["/api/v2/summary.json", 200],
        ["/", 200],
      ]);
    } finally {
      await balancer.stop();
      for (const server of standIns) server.close();
    }
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON the API answered.
async function api(origin: string, method: string, pathname: string, json: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${origin}/api/v1/pages/upstate${pathname}`, {
    method,
    headers: { authorization: `OAuth ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(json),
  });
  return { status: response.status, body: await response.json() };
}

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  return response.ok ? response.text() : "";
}

/** The cookies a response sets, as a Cookie header. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/**
 * The fields a browser would send with the first form in `html` whose fields `choose` picks:
 * every input's name and value (React's hidden action fields included) and each select's
 * selected option.
 */
function formFields(html: string, choose: (fields: Map<string, string>) => boolean): Map<string, string> {
  const decode = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const attribute = (tag: string, name: string) => {
    const found = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
    return found === undefined ? undefined : decode(found);
  };
  for (const [form] of html.matchAll(/<form[\s\S]*?<\/form>/g)) {
    const fields = new Map<string, string>();
    for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
      const name = attribute(input, "name");
      const type = attribute(input, "type");
      if (!name || ((type === "checkbox" || type === "radio") && !/\schecked(=""|\s|\/?>)/.test(input))) continue;
      fields.set(name, attribute(input, "value") ?? "");
    }
    for (const [, tag = "", options = ""] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attribute(tag, "name");
      const selected = /<option\b[^>]*\sselected=""[^>]*>/.exec(options)?.[0] ?? /<option\b[^>]*>/.exec(options)?.[0] ?? "";
      if (name) fields.set(name, attribute(selected, "value") ?? "");
    }
    if (choose(fields)) return fields;
  }
  throw new Error("no form on the page has the fields looked for");
}

/** Whether `condition` came true before `timeoutMs`, checking every 20 ms (to measure delays). */
async function poll(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

const JOB_QUEUES = ["notify-fan-out", "notify-webhook", "edge-purge"];

async function unfinishedJobs(): Promise<{ name: string; state: string; data: unknown }[]> {
  return db.$queryRawUnsafe(
    "SELECT name, state::text AS state, data, start_after AS \"startAfter\" FROM pgboss.job WHERE name = ANY($1) AND state IN ('created', 'retry', 'active')",
    JOB_QUEUES,
  );
}

async function failedJobs(): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ count: bigint }[]>(
    "SELECT count(*) AS count FROM pgboss.job WHERE name = ANY($1) AND state = 'failed'",
    JOB_QUEUES,
  );
  return Number(row?.count ?? 0);
}

type PurgeCounter = { port: number; bans: string[][]; close: () => Promise<void> };

/**
 * Stands in for Varnish: answers every BAN 200, as the shipped VCL does, and records its tags.
 * On a plain TCP server: Node's HTTP parser refuses methods it does not know, BAN among them.
 */
async function startPurgeCounter(): Promise<PurgeCounter> {
  const bans: string[][] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let pending = "";
    socket.on("data", (data: Buffer) => {
      pending += data.toString("latin1");
      // Keep-alive: one answer per complete request (a BAN has no body).
      for (let end = pending.indexOf("\r\n\r\n"); end >= 0; end = pending.indexOf("\r\n\r\n")) {
        const [requestLine = "", ...headerLines] = pending.slice(0, end).split("\r\n");
        pending = pending.slice(end + 4);
        const tags = headerLines.find((line) => /^x-upstate-purge-tags:/i.test(line))?.replace(/^[^:]*:\s*/, "");
        const isBan = requestLine.startsWith("BAN ");
        if (isBan) bans.push((tags ?? "").split(" "));
        socket.write(`HTTP/1.1 ${isBan ? "200 OK" : "405 Method Not Allowed"}\r\ncontent-length: 0\r\n\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    bans,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
