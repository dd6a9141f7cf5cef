// `npm run bench -- --notify`: 100,000 confirmed email subscribers and 10,000 webhook subscribers
// (1% of endpoints answer 500, 1% never answer) hear about one incident update, through a local
// SMTP server and local webhook receivers. Prints how long posting the update takes, messages per
// second, the time until every email is accepted and every healthy webhook answered, the workers'
// peak RSS, and, after killing the workers with SIGKILL in the middle of a second fan-out and
// starting them again, how many messages were lost and how many sent twice.
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { staffActor } from "../../lib/auth/actor.ts";
import { ROOT_DIR } from "../../lib/config.ts";
import { createDb } from "../../lib/db/client.ts";
import { migrate } from "../../lib/db/migrate.ts";
import { createIncident } from "../../lib/incidents/create-incident.ts";
import { postUpdate } from "../../lib/incidents/post-update.ts";
import { createScratchDatabase, openTestServer } from "../../tests/support/scratch-database.ts";

const EMAILS = Number(process.env.BENCH_EMAILS ?? 100_000);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 10_000);
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

// Every accepted mail and every answered webhook, by recipient, per round.
const mailCounts = new Map<string, number>();
const hookCounts = new Map<string, number>();
let round = "";

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    stream.resume();
    stream.on("end", () => {
      for (const to of session.envelope.rcptTo) {
        const key = `${round}|${to.address}`;
        mailCounts.set(key, (mailCounts.get(key) ?? 0) + 1);
      }
      callback();
    });
  },
});
// The killed worker's connections end with a reset: expected, not a reason to stop the bench.
smtp.on("error", () => {});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

const hooks = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const n = Number(req.url?.slice(1));
    if (n % 100 === 1) return; // never answers
    if (n % 100 === 0) {
      res.writeHead(500).end();
      return;
    }
    const key = `${round}|${req.url}`;
    hookCounts.set(key, (hookCounts.get(key) ?? 0) + 1);
    res.writeHead(204).end();
  });
});
hooks.keepAliveTimeout = 30_000;
// On every loopback address: the endpoints live on 100 hosts (127.1.0.0 to 127.1.0.99), 100 each,
// as real subscribers' do, since deliveries to any one host are limited to a few at a time.
await new Promise<void>((resolve) => hooks.listen(0, "0.0.0.0", resolve));
const hooksPort = (hooks.address() as AddressInfo).port;
const healthyHooks = Array.from({ length: WEBHOOKS }, (_, i) => i).filter((i) => i % 100 !== 0 && i % 100 !== 1).length;

const server = await openTestServer();
const database = await createScratchDatabase(server.adminUrl, "upstate_bench_notify");
let worker: ChildProcess | undefined;
const db = createDb(database.url);

const env = {
  ...process.env,
  DATABASE_URL: database.url,
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}${process.env.BENCH_SMTP_QUERY ?? ""}`,
  MAIL_FROM: "status@example.com",
  NEXTAUTH_SECRET: "bench-secret",
  UPSTATE_WEBHOOK_ALLOW_PRIVATE: "1",
  PUBLIC_URL: "https://status.example.com",
};

async function startWorker(): Promise<ChildProcess> {
  const child = fork(path.join(ROOT_DIR, "scripts/bench/notify-worker.ts"), [], {
    // BENCH_PROFILE_DIR: the workers' CPU profile of the first round goes there (and the bench
    // stops after that round), to see where a message's CPU time goes.
    execArgv: ["--import", "tsx", ...(PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
    env,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  await once(child, "message");
  return child;
}

/** Peak resident memory of a process (VmHWM), in MiB. */
function peakRssMiB(pid: number | undefined): number {
  if (!pid) return 0;
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmHWM:"));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

const count = (counts: Map<string, number>, name: string) => {
  let unique = 0;
  let total = 0;
  for (const [key, n] of counts) {
    if (!key.startsWith(`${name}|`)) continue;
    unique++;
    total += n;
  }
  return { unique, total };
};

async function until(predicate: () => boolean, timeoutMs: number): Promise<number | null> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - start;
}

try {
  await migrate(database.url);
  process.env.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET;
  await db.pageSettings.create({ data: { id: 1, name: "Bench", timeZone: "America/New_York" } });
  const t0 = Date.now();
  await db.$executeRawUnsafe(`
    INSERT INTO "Subscriber" (id, channel, target, state, "manageTokenHash", "confirmedAt", "createdAt", "updatedAt")
    SELECT 'sube' || i, 'email', 'reader' || i || '@example.org', 'active', md5('e' || i), now() - interval '1 hour', now() - interval '1 hour', now()
    FROM generate_series(1, ${EMAILS}) AS i`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Subscriber" (id, channel, target, state, "manageTokenHash", "confirmedAt", "createdAt", "updatedAt")
    SELECT 'subw' || i, 'webhook', 'http://127.1.0.' || (i / 100) || ':${hooksPort}/' || i, 'active', md5('w' || i), now() - interval '1 hour', now() - interval '1 hour', now()
    FROM generate_series(0, ${WEBHOOKS - 1}) AS i`);
  console.log(
    `${EMAILS.toLocaleString("en")} email and ${WEBHOOKS.toLocaleString("en")} webhook subscribers added in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  const staff = await db.user.create({ data: { email: "bench@example.com", name: "Bench", role: "admin" } });
  const actor = staffActor(staff);
  const { id: incidentId } = await createIncident({
    db,
    actor,
    input: { name: "Bench incident", status: "investigating", message: "Opened quietly.", deliverNotifications: false },
  });

  worker = await startWorker();
  // Round 1: one update, everything delivered.
  round = "one";
  const postStart = performance.now();
  await postUpdate({ db, actor, input: { incidentId, status: "identified", message: "We found the **cause**." } });
  const postMs = performance.now() - postStart;
  const sendStart = Date.now();
  // Both from the moment the update was posted.
  const [emailMs, hooksMs] = await Promise.all([
    until(() => count(mailCounts, "one").unique >= EMAILS, 600_000),
    until(() => count(hookCounts, "one").unique >= healthyHooks, 600_000),
  ]);
  const elapsed = (Date.now() - sendStart) / 1000;
  const sent = count(mailCounts, "one").unique + count(hookCounts, "one").unique;
  const peak = peakRssMiB(worker.pid);
  console.log(`\nOne update to ${(EMAILS + WEBHOOKS).toLocaleString("en")} subscribers`);
  console.log(`  posting the update:            ${postMs.toFixed(0)} ms (target < 200 ms)`);
  console.log(
    `  every email accepted after:    ${emailMs === null ? "not within 600 s" : `${(emailMs / 1000).toFixed(1)} s`} (target < 120 s)`,
  );
  console.log(
    `  every healthy webhook after:   ${hooksMs === null ? "not within 600 s" : `${(hooksMs / 1000).toFixed(1)} s`} (target < 30 s)`,
  );
  console.log(`  messages per second:           ${(sent / elapsed).toFixed(0)}`);
  console.log(`  workers' peak RSS:             ${peak.toFixed(0)} MiB (target < 500 MiB)`);
  console.log(
    `  duplicates:                    ${count(mailCounts, "one").total - count(mailCounts, "one").unique + count(hookCounts, "one").total - count(hookCounts, "one").unique}`,
  );

  if (PROFILE_DIR) {
    worker.send("exit");
    await once(worker, "exit");
    console.log(`\nThe workers' CPU profile of this round is in ${PROFILE_DIR}; the second round is skipped.`);
  } else {
    // Round 2: the workers are killed with SIGKILL a third of the way through, then started again.
    round = "two";
    await postUpdate({ db, actor, input: { incidentId, status: "monitoring", message: "A fix is out." } });
    await until(() => count(mailCounts, "two").unique >= EMAILS / 3, 600_000);
    worker.kill("SIGKILL");
    await once(worker, "exit");
    const atKill = count(mailCounts, "two").unique;
    console.log(`\nSIGKILL after ${atKill.toLocaleString("en")} emails; starting the workers again`);
    worker = await startWorker();
    const restartStart = Date.now();
    const recovered = await until(
      () => count(mailCounts, "two").unique >= EMAILS && count(hookCounts, "two").unique >= healthyHooks,
      900_000,
    );
    const mails = count(mailCounts, "two");
    const webhooks = count(hookCounts, "two");
    console.log(
      `  all delivered again after:     ${recovered === null ? "not within 900 s" : `${((Date.now() - restartStart) / 1000).toFixed(1)} s (jobs held by the killed process come back once they expire, 120 s)`}`,
    );
    console.log(`  lost:                          ${EMAILS - mails.unique + (healthyHooks - webhooks.unique)} (target 0)`);
    console.log(
      `  sent twice:                    ${mails.total - mails.unique + webhooks.total - webhooks.unique} (at most what was in flight at the kill)`,
    );
  }
} finally {
  if (worker && worker.exitCode === null) {
    worker.kill("SIGKILL");
    await once(worker, "exit");
  }
  await db.$disconnect();
  await database.drop().catch(() => {});
  await server.close().catch(() => {});
  smtp.close();
  hooks.closeAllConnections();
  hooks.close();
}
