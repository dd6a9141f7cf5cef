import { beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { restoreEnv } from "../../tests/support/env.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { ForbiddenError, InvalidError } from "../errors.ts";
import { createIncident } from "../incidents/create-incident.ts";
import { postUpdate } from "../incidents/post-update.ts";
import { deliverySummary } from "../notifications/delivery-summary.ts";
import { addTeamChannel } from "./add-team-channel.ts";
import { countSubscribers, exportSubscribersCsv, listSubscribers, listTeamChannels } from "./admin-queries.ts";
import { emailsOfCsv, importEmails } from "./import-emails.ts";
import { reenableSubscriber } from "./reenable-subscriber.ts";
import { removeSubscriber } from "./remove-subscriber.ts";
import { sendTestMessage } from "./send-test-message.ts";
import { createSubscriber } from "./subscribe.ts";
import { hashToken, linkSecret, manageToken } from "./tokens.ts";

let db: Db;
let admin: Actor;
let editor: Actor;
const saved = { ...process.env };

beforeAll(async () => {
  ({ db } = await ownDatabase());
  Object.assign(process.env, { NEXTAUTH_SECRET: "admin-subscribers-test-secret", UPSTATE_WEBHOOK_ALLOW_PRIVATE: "" });
  await db.pageSettings.create({ data: { id: 1, name: "Acme" } });
  admin = await makeStaff(db, { role: "admin" });
  editor = await makeStaff(db, { role: "editor" });
  return () => {
    restoreEnv(saved);
  };
});

describe("importing a CSV of emails", () => {
  it("reads the email column of a header row, or the first column without one", () => {
    expect(emailsOfCsv('name,Email\r\nAda,"ada@example.com"\nBob,bob@example.com\n\n')).toEqual([
      "ada@example.com",
      "bob@example.com",
    ]);
    expect(emailsOfCsv("ada@example.com,Ada\nbob@example.com")).toEqual(["ada@example.com", "bob@example.com"]);
  });

  it("adds valid addresses as active and confirmed, skips known and repeated ones, counts invalid ones", async () => {
    await createSubscriber(db, { channel: "email", target: "known@example.com", state: "pending" });
    const csv = "email\nNew.One@Example.com\nnew-two@example.com\nnot-an-address\nknown@example.com\nnew-two@example.com\n";
    const result = await importEmails({ db, actor: admin, csv });
    expect(result).toMatchObject({ added: 2, skipped: 2, invalid: 1, invalidExamples: ["not-an-address"] });

    const added = await db.subscriber.findUniqueOrThrow({
      where: { channel_target_team: { channel: "email", target: "new.one@example.com", team: false } },
    });
    expect(added.state).toBe("active");
    expect(added.confirmedAt).toBeInstanceOf(Date);
    expect(added.manageTokenHash).toBe(hashToken(manageToken(await linkSecret(db), added.id)));
    // The known address keeps its own state: an import does not confirm someone who did not.
    const known = await db.subscriber.findFirstOrThrow({ where: { target: "known@example.com" } });
    expect(known.state).toBe("pending");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "subscribers.imported" }, orderBy: { at: "desc" } });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.after).toEqual({ added: 2, skipped: 2, invalid: 1 });
  });

  it("refuses a file that is too large or empty, adding nobody", async () => {
    const before = await db.subscriber.count();
    await expect(importEmails({ db, actor: admin, csv: "a@example.com\n".repeat(80_000) })).rejects.toBeInstanceOf(InvalidError);
    await expect(importEmails({ db, actor: admin, csv: "email\n" })).rejects.toThrow(InvalidError);
    expect(await db.subscriber.count()).toBe(before);
  });
});

describe("admins only", () => {
  it("refuses an editor in every subscriber function, even when called directly", async () => {
    const subscriber = await createSubscriber(db, { channel: "email", target: "keep@example.com", state: "active" });
    const calls = [
      () => importEmails({ db, actor: editor, csv: "sneaky@example.com" }),
      () => removeSubscriber({ db, actor: editor, input: { subscriberId: subscriber.id } }),
      () => reenableSubscriber({ db, actor: editor, input: { subscriberId: subscriber.id } }),
      () => addTeamChannel({ db, actor: editor, input: { channel: "webhook", url: "https://hooks.example.com/x", label: "x" } }),
      () => sendTestMessage({ db, actor: editor, input: { subscriberId: subscriber.id } }),
      () => exportSubscribersCsv({ db, actor: editor }),
      () => listSubscribers({ db, actor: editor }),
      () => countSubscribers({ db, actor: editor }),
    ];
    for (const call of calls) await expect(call()).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.subscriber.count({ where: { target: "sneaky@example.com" } })).toBe(0);
    expect(await db.subscriber.count({ where: { id: subscriber.id } })).toBe(1);
  });

  it("refuses an admin demoted since the session began (the role is read again in the transaction)", async () => {
    const demoted = await makeStaff(db, { role: "admin" });
    await db.user.update({ where: { id: demoted.id }, data: { role: "editor" } });
    await expect(importEmails({ db, actor: demoted, csv: "late@example.com" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.subscriber.count({ where: { target: "late@example.com" } })).toBe(0);
  });
});

describe("managing subscribers", () => {
  it("counts by channel and state, searches by address, and exports CSV without secrets", async () => {
    await createSubscriber(db, {
      channel: "webhook",
      target: "https://hooks.example.com/=cmd",
      state: "active",
      signingSecret: "whsec_secret",
    });
    const counts = await countSubscribers({ db, actor: admin });
    expect(counts.webhook.active).toBeGreaterThanOrEqual(1);
    expect(counts.email.pending).toBeGreaterThanOrEqual(1);
    const { rows } = await listSubscribers({ db, actor: admin, search: "NEW.ONE" });
    expect(rows.map((row) => row.target)).toEqual(["new.one@example.com"]);

    const csv = await exportSubscribersCsv({ db, actor: admin });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,channel,target,state,whole_page,component_ids,group_ids,confirmed_at,created_at,failure_count,disabled_reason",
    );
    expect(csv).toContain(",email,new.one@example.com,active,true,");
    expect(csv).not.toContain("whsec_secret");
    expect(csv).not.toContain("manageTokenHash");
  });

  it("exports a value a spreadsheet would run as a formula as plain text", async () => {
    await createSubscriber(db, {
      channel: "webhook",
      target: "https://x.example.com/a",
      state: "disabled",
      disabledReason: '=HYPERLINK("http://evil")',
    });
    const csv = await exportSubscribersCsv({ db, actor: admin });
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it("removes a subscriber with an audit row", async () => {
    const subscriber = await createSubscriber(db, { channel: "email", target: "leaving@example.com", state: "active" });
    await removeSubscriber({ db, actor: admin, input: { subscriberId: subscriber.id } });
    expect(await db.subscriber.count({ where: { id: subscriber.id } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "subscriber.removed", targetId: subscriber.id } });
    expect(audit.before).toMatchObject({ target: "leaving@example.com" });
  });

  it("re-enables a disabled endpoint with its failures forgotten", async () => {
    const subscriber = await createSubscriber(db, {
      channel: "webhook",
      target: "https://down.example.com/hook",
      state: "disabled",
      failureCount: 12,
      failingSince: new Date("2026-11-01T00:00:00Z"),
      lastError: "HTTP 500",
      disabledReason: "Failed for 3 days (HTTP 500)",
    });
    await reenableSubscriber({ db, actor: admin, input: { subscriberId: subscriber.id } });
    const after = await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } });
    expect(after).toMatchObject({ state: "active", failureCount: 0, failingSince: null, disabledReason: null });
    await expect(reenableSubscriber({ db, actor: admin, input: { subscriberId: subscriber.id } })).rejects.toBeInstanceOf(
      InvalidError,
    );
  });
});

describe("team channels", () => {
  it("adds an active channel that receives everything, and queues a test message to it alone", async () => {
    const { subscriberId, signingSecret } = await addTeamChannel({
      db,
      actor: admin,
      input: { channel: "webhook", url: "https://hooks.example.com/team", label: "On-call bot" },
    });
    expect(signingSecret).toMatch(/^whsec_/);
    const channel = await db.subscriber.findUniqueOrThrow({ where: { id: subscriberId } });
    expect(channel).toMatchObject({ team: true, state: "active", wholePage: true, label: "On-call bot" });
    expect(channel.confirmedAt).toBeInstanceOf(Date);
    expect((await listTeamChannels({ db, actor: admin })).map((row) => row.id)).toContain(subscriberId);
    // Team channels are not public subscribers: not in the list, counts or export.
    expect((await listSubscribers({ db, actor: admin, search: "hooks.example.com/team" })).rows).toEqual([]);

    const notificationId = await sendTestMessage({ db, actor: admin, input: { subscriberId } });
    const notification = await db.notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(notification).toMatchObject({ kind: "test", teamOnly: true, onlySubscriberId: subscriberId });
    const [job] = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM pgboss.job WHERE data->>'notificationId' = $1`,
      notificationId,
    );
    expect(Number(job?.n)).toBe(1);
  });

  it("refuses a private or malformed URL and a chat URL of the wrong service", async () => {
    for (const [channel, url] of [
      ["webhook", "http://127.0.0.1:8080/hook"],
      ["webhook", "not a url"],
      ["slack", "https://discord.com/api/webhooks/1/abc"],
    ] as const) {
      await expect(addTeamChannel({ db, actor: admin, input: { channel, url, label: "x" } })).rejects.toBeInstanceOf(
        InvalidError,
      );
    }
    expect(await db.subscriber.count({ where: { team: true, label: "x" } })).toBe(0);
  });
});

describe("delivery summary", () => {
  it("counts each update's deliveries by channel and state and lists failing endpoints", async () => {
    const { id: incidentId } = await createIncident({
      db,
      actor: admin,
      input: { name: "Delivery view", status: "investigating", message: "Looking." },
    });
    const { id: updateId } = await postUpdate({
      db,
      actor: admin,
      input: { incidentId, status: "identified", message: "Found." },
    });
    const silent = await postUpdate({
      db,
      actor: admin,
      input: { incidentId, status: "monitoring", message: "Quiet.", deliverNotifications: false },
    });
    const notification = await db.notification.findFirstOrThrow({ where: { updateId } });
    const mail = await createSubscriber(db, { channel: "email", target: "reader@example.com", state: "active" });
    const hook = await createSubscriber(db, { channel: "webhook", target: "https://broken.example.com/", state: "active" });
    await db.delivery.createMany({
      data: [
        { notificationId: notification.id, subscriberId: mail.id, state: "sent" },
        { notificationId: notification.id, subscriberId: hook.id, state: "failed", lastError: "HTTP 502" },
      ],
    });
    await db.notification.update({ where: { id: notification.id }, data: { fannedOutAt: new Date() } });

    const summary = await deliverySummary(db, incidentId);
    const update = summary.get(updateId);
    expect(update?.waiting).toBe(false);
    expect(update?.channels).toEqual(
      expect.arrayContaining([
        { channel: "email", counts: { queued: 0, sent: 1, retrying: 0, failed: 0 } },
        { channel: "webhook", counts: { queued: 0, sent: 0, retrying: 0, failed: 1 } },
      ]),
    );
    expect(update?.failing).toEqual([
      {
        subscriberId: hook.id,
        channel: "webhook",
        target: "https://broken.example.com/",
        state: "failed",
        lastError: "HTTP 502",
      },
    ]);
    expect(summary.has(silent.id)).toBe(false);
  });
});
