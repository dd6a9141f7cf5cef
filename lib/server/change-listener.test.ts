import { afterEach, describe, expect, inject, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { openTcpProxy, type TcpProxy } from "../../tests/support/tcp-proxy.ts";
import { notifyPublicChange, type PublicChange } from "../cache/public-change.ts";
import { listenForPublicChanges } from "./change-listener.ts";

// A change must reach the cache within seconds even when the listening connection was killed,
// went silent, or never delivers notifications, instead of waiting for the cached pages to expire.

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 25_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
});

function listen(connectionString: string) {
  const received: PublicChange[] = [];
  const logged: string[] = [];
  const listener = listenForPublicChanges(connectionString, (change) => received.push(change), {
    log: (message) => logged.push(message),
  });
  cleanUps.push(() => listener.close());
  return { received, logged };
}

async function proxyToDatabase(): Promise<{ proxy: TcpProxy; url: string }> {
  const direct = new URL(inject("databaseUrl"));
  const proxy = await openTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  cleanUps.push(() => proxy.stop());
  return { proxy, url: proxy.urlFor(inject("databaseUrl")) };
}

/** Notifies a change of its own, so a test can tell it from the others it receives. */
async function change(): Promise<string> {
  const id = `c${Math.random().toString(36).slice(2, 12)}`;
  await testDb().$transaction((tx) => notifyPublicChange(tx, { incidentIds: [id] }));
  return id;
}

const reported = (received: PublicChange[], id: string) => received.some((c) => c.all || c.incidentIds?.includes(id));

/** Waits until the listener receives notifications: a change made now arrives as itself. */
async function listening(received: PublicChange[], what = "the listener receives notifications") {
  await until(async () => {
    const id = await change();
    await new Promise((resolve) => setTimeout(resolve, 500));
    return received.some((c) => c.incidentIds?.includes(id));
  }, what);
  received.length = 0;
}

describe("the public-change listener", () => {
  it("reports a change made after its backend was terminated", async () => {
    const { received } = listen(inject("databaseUrl"));
    await listening(received);
    const db = testDb();
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE application_name = 'upstate-change-listener' AND datname = current_database()`;
    const id = await change();
    await until(() => reported(received, id), "the change is reported");
    await listening(received, "notifications arrive again");
  });

  it("notices a connection that went silent, and reports the change made meanwhile", async () => {
    const { proxy, url } = await proxyToDatabase();
    const { received, logged } = listen(url);
    await listening(received);
    proxy.freezeExisting();
    const id = await change();
    await until(() => reported(received, id), "the change is reported");
    expect(logged.join("\n")).toMatch(/change listener's connection is down \(no heartbeat came back within 3 s\)/);
    await listening(received, "notifications arrive again");
  });

  it("checks for changes while notifications do not come through", async () => {
    const { proxy, url } = await proxyToDatabase();
    const { received } = listen(url);
    await listening(received);
    // Its connection stays up but never delivers a heartbeat again, nor does any new one.
    proxy.dropNotifications();
    const id = await change();
    await until(() => reported(received, id), "the change is reported by polling");
  });
});
