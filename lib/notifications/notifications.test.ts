import type PgBoss from "pg-boss";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { restoreEnv } from "../../tests/support/env.ts";
import { makeComponent, makeStaff } from "../../tests/support/factories.ts";
import { type MailServer, startMailServer } from "../../tests/support/mail-server.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../../tests/support/webhook-receiver.ts";
import type { Db } from "../db/client.ts";
import { inTransaction } from "../db/client.ts";
import { createIncident } from "../incidents/create-incident.ts";
import { postUpdate } from "../incidents/post-update.ts";
import { startJobQueue } from "../jobs/queue.ts";
import { remindDueMaintenance } from "../maintenance/run-due-maintenance.ts";
import { scheduleMaintenance } from "../maintenance/schedule-maintenance.ts";
import { confirmSubscription, unsubscribe } from "../subscribers/manage-subscription.ts";
import { rateKey, SUBSCRIBES_PER_IP_PER_HOUR, subscribe } from "../subscribers/subscribe.ts";
import { addUpdate } from "../updates/add-update.ts";
import { fanOut } from "./fan-out.ts";
import { startNotificationWorkers } from "./workers.ts";

let db: Db;
let url: string;
let mail: MailServer;
let hooks: WebhookReceiver;
let boss: PgBoss;
let stopWorkers: () => Promise<void>;
const saved = { ...process.env };

beforeAll(async () => {
  ({ db, url } = await ownDatabase());
  mail = await startMailServer();
  hooks = await startWebhookReceiver();
  Object.assign(process.env, {
    SMTP_URL: mail.url,
    MAIL_FROM: "status@example.com",
    NEXTAUTH_SECRET: "notifications-test-secret",
    UPSTATE_WEBHOOK_ALLOW_PRIVATE: "1",
    PUBLIC_URL: "https://status.example.com",
  });
  await db.pageSettings.create({ data: { id: 1, name: "Acme", timeZone: "America/New_York" } });
  boss = await startJobQueue(url);
  stopWorkers = await startNotificationWorkers({ db, boss, pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await stopWorkers?.();
  await boss?.stop({ graceful: false, wait: true });
  await mail?.close();
  await hooks?.close();
  restoreEnv(saved);
});

describe("notifications", () => {
  it("are queued in the same transaction as the update: a rolled-back write leaves neither notification nor job", async () => {
    const actor = await makeStaff(db);
    const { id } = await createIncident({
      db,
      actor,
      input: { name: "Queue test", status: "investigating", message: "Looking." },
    });
    const before = await db.notification.count({ where: { incidentId: id } });
    await expect(
      inTransaction(db, async (tx) => {
        await addUpdate(tx, {
          actor,
          incidentId: id,
          status: "identified",
          body: "Found it.",
          displayAt: new Date(),
          components: [],
        });
        throw new Error("the write fails after the update");
      }),
    ).rejects.toThrow("the write fails");
    expect(await db.notification.count({ where: { incidentId: id } })).toBe(before);
    const { id: updateId } = await postUpdate({
      db,
      actor,
      input: { incidentId: id, status: "identified", message: "Found it." },
    });
    const notification = await db.notification.findFirstOrThrow({ where: { updateId } });
    const [job] = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = 'notify-fan-out' AND data->>'notificationId' = $1`,
      notification.id,
    );
    expect(job?.n).toBe(1n);
  });

  it("an update posted with notifications off queues nothing", async () => {
    const actor = await makeStaff(db);
    const { id } = await createIncident({
      db,
      actor,
      input: { name: "Quiet", status: "investigating", message: "Shh.", deliverNotifications: false },
    });
    expect(await db.notification.count({ where: { incidentId: id } })).toBe(0);
    expect((await db.incidentUpdate.findFirstOrThrow({ where: { incidentId: id } })).deliverNotifications).toBe(false);
  });

  it("reach only the subscribers of the components affected, groups included, and never an unconfirmed address", async () => {
    const actor = await makeStaff(db);
    const group = await db.componentGroup.create({ data: { name: `Group ${Date.now()}` } });
    const inGroup = await makeComponent(db);
    await db.component.update({ where: { id: inGroup.id }, data: { groupId: group.id } });
    const other = await makeComponent(db);
    const make = (target: string, scope: object, state: "active" | "pending" = "active") =>
      db.subscriber.create({
        data: { channel: "webhook", target, state, manageTokenHash: `h-${target}`, wholePage: false, ...scope },
      });
    const tag = Date.now();
    const byGroup = await make(`https://a${tag}.example/g`, { groupIds: [group.id] });
    const byComponent = await make(`https://a${tag}.example/c`, { componentIds: [inGroup.id] });
    const otherOnly = await make(`https://a${tag}.example/o`, { componentIds: [other.id] });
    const pending = await make(`https://a${tag}.example/p`, { componentIds: [inGroup.id] }, "pending");
    const { id } = await createIncident({
      db,
      actor,
      input: {
        name: "Filter test",
        status: "investigating",
        message: "Down.",
        components: [{ componentId: inGroup.id, status: "major_outage" }],
        deliverNotifications: false,
      },
    });
    const { id: updateId } = await postUpdate({ db, actor, input: { incidentId: id, status: "identified", message: "x" } });
    const notification = await db.notification.findFirstOrThrow({ where: { updateId } });
    // The workers may have fanned out already; running it again changes nothing.
    await fanOut(db, notification.id);
    const reached = new Set(
      (await db.delivery.findMany({ where: { notificationId: notification.id } })).map((d) => d.subscriberId),
    );
    expect(reached.has(byGroup.id)).toBe(true);
    expect(reached.has(byComponent.id)).toBe(true);
    expect(reached.has(otherOnly.id)).toBe(false);
    expect(reached.has(pending.id)).toBe(false);
    await db.subscriber.deleteMany({ where: { id: { in: [byGroup.id, byComponent.id, otherOnly.id, pending.id] } } });
  });
});

describe("email subscription", () => {
  const link = (text: string, path: string) => {
    const found = new RegExp(`https://status\\.example\\.com${path}\\?token=([A-Za-z0-9_%-]+)`).exec(text);
    if (!found?.[1]) throw new Error(`no ${path} link in: ${text}`);
    return decodeURIComponent(found[1]);
  };

  it("is double opt-in: one confirmation, nothing before it is followed, then updates, then one-click unsubscribe", async () => {
    const address = `reader-${Date.now()}@example.org`;
    expect(await subscribe({ db, input: { channel: "email", target: address, ip: "192.0.2.10" } })).toEqual({ channel: "email" });
    // Asking again at once sends no second confirmation, and answers the same.
    expect(await subscribe({ db, input: { channel: "email", target: address, ip: "192.0.2.10" } })).toEqual({ channel: "email" });
    const [confirmation] = await mail.waitFor((mails) => mails.some((m) => m.to && JSON.stringify(m.to).includes(address)));
    const toReader = () => mail.mails.filter((m) => JSON.stringify(m.to).includes(address));
    expect(toReader()).toHaveLength(1);
    expect(confirmation).toBeDefined();
    const actor = await makeStaff(db);
    // Before confirming: an incident is posted, and the address hears nothing of it.
    const early = await createIncident({
      db,
      actor,
      input: { name: "Before confirming", status: "investigating", message: "Early." },
    });
    await db.$queryRaw`SELECT 1`;
    const token = link(toReader()[0]?.text ?? "", "/subscriptions/confirm");
    // The token is stored nowhere: not in the subscriber's row (only its hash), not in the job queue.
    const [stored] = await db.$queryRaw<{ found: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM pgboss.job WHERE data::text LIKE ${`%${token}%`})
          OR EXISTS (SELECT 1 FROM "Subscriber" WHERE row_to_json("Subscriber")::text LIKE ${`%${token}%`}) AS found`;
    expect(stored?.found).toBe(false);
    await confirmSubscription({ db, token });
    const { id } = await createIncident({
      db,
      actor,
      input: { name: "Degraded Authkit Service", status: "investigating", message: "We are **investigating** errors." },
    });
    await mail.waitFor(() => toReader().some((m) => m.subject?.includes("Degraded Authkit Service")));
    const update = toReader().find((m) => m.subject?.includes("Degraded Authkit Service"));
    expect(update?.subject).toBe("[Acme] Degraded Authkit Service (Investigating)");
    expect(update?.html).toContain("<strong>investigating</strong>");
    expect(update?.text).toContain("We are **investigating** errors.");
    expect(update?.inReplyTo).toBe(`<incident-${id}@status.example.com>`);
    const header = (key: string) => update?.headerLines.find((line) => line.key === key)?.line.replace(/\r\n\s*/g, " ");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(header("list-unsubscribe")).toMatch(
      /^List-Unsubscribe: <https:\/\/status\.example\.com\/subscriptions\/unsubscribe\?token=[\w-]+>$/,
    );
    expect(toReader().some((m) => m.subject?.includes("Before confirming"))).toBe(false);
    expect(early.id).toBeTruthy();
    // One-click unsubscribe, then nothing more.
    const manage = link(update?.text ?? "", "/subscriptions/unsubscribe");
    expect(await unsubscribe({ db, token: manage })).toBe(true);
    await createIncident({ db, actor, input: { name: "After unsubscribing", status: "investigating", message: "Late." } });
    const marker = await createIncident({ db, actor, input: { name: "Marker", status: "investigating", message: "m" } });
    await db.subscriber.create({
      data: { channel: "webhook", target: hooks.url(`/marker-${marker.id}`), state: "active", manageTokenHash: `m-${marker.id}` },
    });
    await postUpdate({ db, actor, input: { incidentId: marker.id, status: "identified", message: "m2" } });
    await hooks.waitFor((received) => received.some((r) => r.path === `/marker-${marker.id}`));
    expect(toReader().some((m) => m.subject?.includes("After unsubscribing"))).toBe(false);
  });

  it("confirmation links expire after 7 days", async () => {
    const address = `late-${Date.now()}@example.org`;
    await subscribe({ db, input: { channel: "email", target: address, ip: "192.0.2.11" } });
    await mail.waitFor((mails) => mails.some((m) => JSON.stringify(m.to).includes(address)));
    const text = mail.mails.find((m) => JSON.stringify(m.to).includes(address))?.text ?? "";
    const token = link(text, "/subscriptions/confirm");
    await expect(confirmSubscription({ db, token, now: new Date(Date.now() + 8 * 24 * 3600_000) })).rejects.toThrow("expired");
    await expect(confirmSubscription({ db, token: "not-a-token" })).rejects.toThrow("not valid");
    expect((await db.subscriber.findFirstOrThrow({ where: { target: address } })).state).toBe("pending");
  });
});

describe("webhooks", () => {
  it("are signed with Standard Webhooks, verifiable with the subscriber's secret", async () => {
    const component = await makeComponent(db);
    const result = await subscribe({
      db,
      input: { channel: "webhook", target: hooks.url("/signed"), ip: "192.0.2.12", componentIds: [component.id] },
    });
    if (result.channel === "email") throw new Error("expected a webhook");
    expect(result.signingSecret).toMatch(/^whsec_/);
    const actor = await makeStaff(db);
    await createIncident({
      db,
      actor,
      input: {
        name: "Signed",
        status: "investigating",
        message: "x",
        components: [{ componentId: component.id, status: "partial_outage" }],
      },
    });
    const [received] = (await hooks.waitFor((all) => all.some((r) => r.path === "/signed"))).filter((r) => r.path === "/signed");
    const payload = new Webhook(result.signingSecret ?? "").verify(
      received?.body ?? "",
      received?.headers as Record<string, string>,
    );
    expect((payload as { incident: { name: string } }).incident.name).toBe("Signed");
    expect(() =>
      new Webhook(`whsec_${Buffer.from("another secret!!").toString("base64")}`).verify(
        received?.body ?? "",
        received?.headers as Record<string, string>,
      ),
    ).toThrow();
  });
});

describe("delivery", () => {
  const webhookSubscribers = async (count: number, path: string) => {
    const rows = Array.from({ length: count }, (_, i) => ({
      channel: "webhook" as const,
      target: hooks.url(`${path}/${i}`),
      state: "active" as const,
      manageTokenHash: `${path}-${i}-${Date.now()}`,
    }));
    await db.subscriber.createMany({ data: rows });
    return rows.map((row) => row.target);
  };
  const retryNow = () => db.$executeRawUnsafe(`UPDATE pgboss.job SET start_after = now() WHERE state = 'retry'`);

  it("two instances share the work and send each message once", async () => {
    const otherBoss = await startJobQueue(url);
    const stopOther = await startNotificationWorkers({ db, boss: otherBoss, pollingIntervalSeconds: 0.5, webhookBatch: 10 });
    try {
      const targets = await webhookSubscribers(120, "/twice");
      const actor = await makeStaff(db);
      await createIncident({ db, actor, input: { name: "Twice", status: "investigating", message: "x" } });
      await hooks.waitFor(
        (all) => new Set(all.filter((r) => r.path.startsWith("/twice/")).map((r) => r.path)).size === targets.length,
        60_000,
      );
      const ids = hooks.received.filter((r) => r.path.startsWith("/twice/")).map((r) => r.headers["webhook-id"] ?? r.path);
      expect(ids).toHaveLength(targets.length);
    } finally {
      await stopOther();
      await otherBoss.stop({ graceful: false, wait: true });
      await db.subscriber.deleteMany({ where: { target: { startsWith: hooks.url("/twice/") } } });
    }
  });

  it("keeps mail for later while the mail server refuses it, and sends it when it returns", async () => {
    const address = `patient-${Date.now()}@example.org`;
    await db.subscriber.create({
      data: {
        channel: "email",
        target: address,
        state: "active",
        confirmedAt: new Date(Date.now() - 1000),
        manageTokenHash: `p-${address}`,
      },
    });
    mail.failing = true;
    const actor = await makeStaff(db);
    const { id } = await createIncident({
      db,
      actor,
      input: { name: "While SMTP is down", status: "investigating", message: "x" },
    });
    const waitState = async (state: string) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const found = await db.delivery.findFirst({
          where: { subscriber: { target: address }, notification: { incidentId: id } },
        });
        if (found?.state === state) return found;
        if (Date.now() > deadline) throw new Error(`delivery is ${found?.state}, not ${state}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const retrying = await waitState("retrying");
    expect(retrying.lastError).toMatch(/451|Try again/);
    mail.failing = false;
    await retryNow();
    await mail.waitFor((mails) => mails.some((m) => JSON.stringify(m.to).includes(address)), 30_000);
    expect((await waitState("sent")).attempts).toBe(2);
  });

  it("disables an endpoint that kept failing for over a day, saying why, and not one that just started failing", async () => {
    hooks.behaviour.set("/broken", 500);
    hooks.behaviour.set("/new-broken", 500);
    const old = await db.subscriber.create({
      data: {
        channel: "webhook",
        target: hooks.url("/broken"),
        state: "active",
        manageTokenHash: `b-${Date.now()}`,
        failureCount: 9,
        failingSince: new Date(Date.now() - 25 * 3600_000),
        confirmedAt: new Date(Date.now() - 26 * 3600_000),
      },
    });
    const fresh = await db.subscriber.create({
      data: { channel: "webhook", target: hooks.url("/new-broken"), state: "active", manageTokenHash: `n-${Date.now()}` },
    });
    const actor = await makeStaff(db);
    await createIncident({ db, actor, input: { name: "Breaks endpoints", status: "investigating", message: "x" } });
    await hooks.waitFor((all) => all.some((r) => r.path === "/broken") && all.some((r) => r.path === "/new-broken"));
    const deadline = Date.now() + 20_000;
    while ((await db.subscriber.findUniqueOrThrow({ where: { id: old.id } })).state !== "disabled") {
      if (Date.now() > deadline) throw new Error("not disabled");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const disabled = await db.subscriber.findUniqueOrThrow({ where: { id: old.id } });
    expect(disabled.disabledReason).toMatch(/after 10 failed deliveries since .*HTTP 500/);
    const stillOn = await db.subscriber.findUniqueOrThrow({ where: { id: fresh.id } });
    expect(stillOn.state).toBe("active");
    expect(stillOn.failureCount).toBeGreaterThanOrEqual(1);
    await db.subscriber.deleteMany({ where: { id: { in: [old.id, fresh.id] } } });
  });

  it("loses nothing when the workers die in the middle of a fan-out", async () => {
    await stopWorkers();
    await boss.stop({ graceful: false, wait: true });
    const targets = await webhookSubscribers(300, "/crash");
    const actor = await makeStaff(db);
    await createIncident({ db, actor, input: { name: "Crash", status: "investigating", message: "x" } });
    // A worker set that dies (no graceful stop) after the first webhooks went out.
    const dying = await startJobQueue(url);
    const stopDying = await startNotificationWorkers({
      db,
      boss: dying,
      pollingIntervalSeconds: 0.5,
      webhookBatch: 50,
      webhookConcurrency: 5,
    });
    await hooks.waitFor((all) => all.filter((r) => r.path.startsWith("/crash/")).length >= 20, 60_000);
    await stopDying().catch(() => {});
    await dying.stop({ graceful: false, wait: false });
    const before = hooks.received.filter((r) => r.path.startsWith("/crash/")).length;
    expect(before).toBeLessThan(targets.length);
    // The jobs it held are given back when they expire (120 s); here the clock is moved on.
    boss = await startJobQueue(url);
    await db.$executeRawUnsafe(`UPDATE pgboss.job SET started_on = now() - interval '1 hour' WHERE state = 'active'`);
    await boss.maintain();
    await retryNow();
    stopWorkers = await startNotificationWorkers({ db, boss, pollingIntervalSeconds: 0.5 });
    await hooks.waitFor(
      (all) => new Set(all.filter((r) => r.path.startsWith("/crash/")).map((r) => r.path)).size === targets.length,
      60_000,
    );
    const all = hooks.received.filter((r) => r.path.startsWith("/crash/"));
    const duplicates = all.length - new Set(all.map((r) => r.path)).size;
    // At most the batch that was in flight when the workers died is sent twice.
    expect(duplicates).toBeLessThanOrEqual(50);
  });
});

describe("audience", () => {
  it("an incident that names no component reaches subscribers of some components too, as on Statuspage", async () => {
    const component = await makeComponent(db);
    const only = await db.subscriber.create({
      data: {
        channel: "webhook",
        target: hooks.url(`/only-${component.id}`),
        state: "active",
        manageTokenHash: `o-${component.id}`,
        wholePage: false,
        componentIds: [component.id],
        confirmedAt: new Date(Date.now() - 1000),
      },
    });
    const actor = await makeStaff(db);
    await createIncident({ db, actor, input: { name: "No component named", status: "investigating", message: "x" } });
    await hooks.waitFor((all) => all.some((r) => r.path === `/only-${component.id}`));
    await db.subscriber.delete({ where: { id: only.id } });
  });
});

describe("maintenance reminders", () => {
  it("go out once, before the start, only for windows announced to subscribers ahead of their reminder time", async () => {
    const actor = await makeStaff(db, { role: "admin" });
    const start = new Date(Date.now() + 3 * 3600_000);
    const schedule = (name: string, extra: object) =>
      scheduleMaintenance({
        db,
        actor,
        input: {
          name,
          scheduledFor: start,
          scheduledUntil: new Date(start.getTime() + 3600_000),
          message: "Upgrading.",
          ...extra,
        },
      });
    const { id: announced } = await schedule("Announced", { remindBeforeMinutes: 60 });
    const { id: quiet } = await schedule("Quiet", { remindBeforeMinutes: 60, deliverNotifications: false });
    const { id: late } = await schedule("Announced late", { remindBeforeMinutes: 240 });
    const early = new Date(start.getTime() - 90 * 60_000);
    expect(await remindDueMaintenance(db, early)).not.toContain(announced);
    const due = new Date(start.getTime() - 30 * 60_000);
    const reminded = await remindDueMaintenance(db, due);
    expect(reminded).toContain(announced);
    expect(reminded).not.toContain(quiet);
    expect(reminded).not.toContain(late);
    expect(await remindDueMaintenance(db, due)).not.toContain(announced);
    expect(await db.notification.count({ where: { incidentId: announced, kind: "maintenance_reminder" } })).toBe(1);
  });
});

describe("the subscribe rate limit", () => {
  it("counts an IPv6 /64 as one client, and a burst from one client cannot pass it", async () => {
    expect(rateKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(rateKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateKey("192.0.2.7")).toBe("192.0.2.7");
    const component = await makeComponent(db);
    const attempts = await Promise.allSettled(
      Array.from({ length: SUBSCRIBES_PER_IP_PER_HOUR + 5 }, (_, i) =>
        subscribe({
          db,
          input: {
            channel: "webhook",
            target: hooks.url(`/burst-${component.id}-${i}`),
            ip: `2001:db8:7:7::${i + 1}`,
            componentIds: [component.id],
          },
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(SUBSCRIBES_PER_IP_PER_HOUR);
    await db.subscriber.deleteMany({ where: { target: { startsWith: hooks.url(`/burst-${component.id}`) } } });
  });
});
