import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeIncident } from "../../tests/support/factories.ts";
import { createDb, type Db } from "../db/client.ts";
import { fanOut } from "../notifications/fan-out.ts";
import { loadMessageContext } from "../notifications/message-context.ts";
import { summarize } from "../notifications/payloads/summary.ts";
import { createSubscriber } from "../subscribers/subscribe.ts";
import { listQuietIncidents } from "./quiet-incidents.ts";
import { remindQuietIncidents } from "./remind-quiet-incidents.ts";

const MINUTE = 60_000;

/** Moves an incident and its updates `minutes` into the past, as if it had been quiet that long. */
async function quietFor(db: Db, incidentId: string, minutes: number, now: Date) {
  const at = new Date(now.getTime() - minutes * MINUTE);
  await db.incident.update({ where: { id: incidentId }, data: { createdAt: at } });
  await db.incidentUpdate.updateMany({ where: { incidentId }, data: { createdAt: at } });
}

const reminders = (db: Db) => db.notification.findMany({ where: { kind: "staff_reminder" }, orderBy: { createdAt: "asc" } });

describe("staff reminders", () => {
  it("flag and remind the team once per interval about an open incident with no update, and restart with an update", async () => {
    const { db } = await ownDatabase();
    const now = new Date();
    const quiet = await makeIncident(db, { name: "Quiet one" });
    const fresh = await makeIncident(db, { name: "Fresh one" });
    await quietFor(db, quiet.id, 31, now);
    await quietFor(db, fresh.id, 5, now);
    expect((await listQuietIncidents(db, now)).map((i) => [i.name, i.quietMinutes])).toEqual([["Quiet one", 31]]);

    expect(await remindQuietIncidents(db, now)).toEqual([quiet.id]);
    // The next ticks within the interval send nothing more.
    expect(await remindQuietIncidents(db, new Date(now.getTime() + 15_000))).toEqual([]);
    expect(await remindQuietIncidents(db, new Date(now.getTime() + 20 * MINUTE))).toEqual([]);
    // Still quiet an interval later: reminded again (and the other one, quiet for 35 minutes by then, too).
    expect((await remindQuietIncidents(db, new Date(now.getTime() + 30 * MINUTE))).sort()).toEqual([quiet.id, fresh.id].sort());
    const sent = (await reminders(db)).filter((n) => n.incidentId === quiet.id);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ incidentId: quiet.id, teamOnly: true, data: { minutes: 30 } });

    // An update restarts the clock: no reminder until it has been quiet a whole interval again.
    await db.incidentUpdate.updateMany({
      where: { incidentId: quiet.id },
      data: { createdAt: new Date(now.getTime() + 35 * MINUTE) },
    });
    await db.incident.update({ where: { id: fresh.id }, data: { status: "resolved" } });
    expect(await remindQuietIncidents(db, new Date(now.getTime() + 61 * MINUTE))).toEqual([]);
    expect(await remindQuietIncidents(db, new Date(now.getTime() + 65 * MINUTE))).toEqual([quiet.id]);
  });

  it("two instances ticking at once remind exactly once", async () => {
    const { db, url } = await ownDatabase();
    const now = new Date();
    const { id } = await makeIncident(db);
    await quietFor(db, id, 45, now);
    const instances = [createDb(url), createDb(url)];
    try {
      const results = await Promise.all(instances.map((instance) => remindQuietIncidents(instance, now)));
      expect(results.flat()).toEqual([id]);
      expect(await reminders(db)).toHaveLength(1);
    } finally {
      await Promise.all(instances.map((instance) => instance.$disconnect()));
    }
  });

  it("follow the page's interval, are off when it is off, and leave resolved incidents and maintenance alone", async () => {
    const { db } = await ownDatabase();
    const now = new Date();
    const { id } = await makeIncident(db);
    await quietFor(db, id, 12, now);
    await db.pageSettings.upsert({
      where: { id: 1 },
      create: { name: "Page", staffReminderMinutes: 10 },
      update: { staffReminderMinutes: 10 },
    });
    expect((await listQuietIncidents(db, now)).map((i) => i.id)).toEqual([id]);
    await db.pageSettings.update({ where: { id: 1 }, data: { staffReminderMinutes: null } });
    expect(await listQuietIncidents(db, now)).toEqual([]);
    expect(await remindQuietIncidents(db, now)).toEqual([]);
    await db.pageSettings.update({ where: { id: 1 }, data: { staffReminderMinutes: 10 } });
    await db.incident.update({ where: { id }, data: { status: "resolved" } });
    expect(await remindQuietIncidents(db, now)).toEqual([]);
    expect(await reminders(db)).toHaveLength(0);
  });

  it("reach the team channels only, linking to the incident in the admin", async () => {
    const { db } = await ownDatabase();
    const now = new Date();
    const { id } = await makeIncident(db, { name: "Silent outage" });
    await quietFor(db, id, 40, now);
    const team = await createSubscriber(db, {
      channel: "webhook",
      target: "https://hooks.example.com/team",
      state: "active",
      team: true,
    });
    await createSubscriber(db, {
      channel: "webhook",
      target: "https://hooks.example.com/customer",
      state: "active",
      confirmedAt: new Date(0),
    });
    await remindQuietIncidents(db, now);
    const [notification] = await reminders(db);
    expect(await fanOut(db, notification!.id)).toEqual({ queued: 1 });
    expect(await db.delivery.findMany({ select: { subscriberId: true } })).toEqual([{ subscriberId: team.id }]);
    const summary = summarize((await loadMessageContext(db, notification!.id))!);
    expect(summary).toMatchObject({ title: "Silent outage", statusLabel: "Reminder: no update lately" });
    expect(summary.markdown).toContain("30 minutes");
    expect(summary.url).toMatch(new RegExp(`/admin/incidents/${id}$`));
  });
});
