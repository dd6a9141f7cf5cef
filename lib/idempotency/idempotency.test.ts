import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeComponent, makeIncident, makeStaff } from "../../tests/support/factories.ts";
import { createComponent } from "../components/create-component.ts";
import { moveComponent } from "../components/move-component.ts";
import { saveComponentGroup } from "../components/save-component-group.ts";
import { ConflictError, InvalidError, NotFoundError } from "../errors.ts";
import { createIncident } from "../incidents/create-incident.ts";
import { postUpdate } from "../incidents/post-update.ts";
import { recordPastIncident } from "../incidents/record-past-incident.ts";
import { resolveIncident } from "../incidents/resolve-incident.ts";
import { postMaintenanceUpdate } from "../maintenance/post-maintenance-update.ts";
import { scheduleMaintenance } from "../maintenance/schedule-maintenance.ts";
import { addTeamChannel } from "../subscribers/add-team-channel.ts";
import { saveTemplate } from "../templates/save-template.ts";
import { addTimelineEvent } from "../timeline/add-timeline-event.ts";
import { createUser } from "../users/create-user.ts";
import { IDEMPOTENCY_KEY_TTL_MS, purgeIdempotencyKeys, readIdempotencyKey, staffScope } from "./in-transaction-once.ts";

const freshKey = (actor: { id: string }) => ({ scope: staffScope(actor), key: randomBytes(16).toString("hex") });

describe("a staff form submitted twice", () => {
  it("posts one update, and the retry gets the first one's id", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const { id: incidentId } = await makeIncident(db, { actor });
    const idempotency = freshKey(actor);
    const submit = () =>
      postUpdate({ db, actor, idempotency, input: { incidentId, status: "identified", message: "Found it.", components: [] } });
    const first = await submit();
    const retry = await submit();
    expect(retry).toEqual(first);
    expect(await db.incidentUpdate.count({ where: { incidentId, body: "Found it." } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "incident.update_posted", targetId: first.id } })).toBe(1);
  });

  it("writes once when both copies arrive at the same moment", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const { id: incidentId } = await makeIncident(db, { actor });
    const idempotency = freshKey(actor);
    const submit = () =>
      postUpdate({
        db,
        actor,
        idempotency,
        input: { incidentId, status: "monitoring", message: "Twice at once.", components: [] },
      });
    const [a, b] = await Promise.all([submit(), submit()]);
    expect(a).toEqual(b);
    expect(await db.incidentUpdate.count({ where: { incidentId, body: "Twice at once." } })).toBe(1);
  });

  it("creates, records, schedules, posts and adds once each", async () => {
    const db = testDb();
    const actor = await makeStaff(db, { role: "admin" });
    const component = await makeComponent(db);
    const { id: incidentId } = await makeIncident(db, { actor });
    const name = `Once ${randomBytes(4).toString("hex")}`;
    const { id: maintenanceId } = await scheduleMaintenance({
      db,
      actor,
      input: {
        name: `${name} window`,
        message: "Planned.",
        scheduledFor: new Date("2030-01-01T10:00:00Z"),
        scheduledUntil: new Date("2030-01-01T12:00:00Z"),
        componentIds: [component.id],
      },
    });
    const writes = {
      createIncident: (idempotency: ReturnType<typeof freshKey>) =>
        createIncident({
          db,
          actor,
          idempotency,
          input: { name, status: "investigating", message: "Looking.", components: [] },
        }),
      recordPastIncident: (idempotency: ReturnType<typeof freshKey>) =>
        recordPastIncident({
          db,
          actor,
          idempotency,
          input: {
            name,
            message: "It was bad.",
            components: [{ componentId: component.id, status: "partial_outage" }],
            startedAt: new Date("2024-01-01T10:00:00Z"),
            resolvedAt: new Date("2024-01-01T11:00:00Z"),
          },
        }),
      scheduleMaintenance: (idempotency: ReturnType<typeof freshKey>) =>
        scheduleMaintenance({
          db,
          actor,
          idempotency,
          input: {
            name,
            message: "Planned.",
            scheduledFor: new Date("2030-02-01T10:00:00Z"),
            scheduledUntil: new Date("2030-02-01T12:00:00Z"),
            componentIds: [component.id],
          },
        }),
      postMaintenanceUpdate: (idempotency: ReturnType<typeof freshKey>) =>
        postMaintenanceUpdate({
          db,
          actor,
          idempotency,
          input: { incidentId: maintenanceId, status: "scheduled", message: name },
        }),
      addTimelineEvent: (idempotency: ReturnType<typeof freshKey>) =>
        addTimelineEvent({
          db,
          actor,
          idempotency,
          input: { incidentId, at: new Date("2024-01-01T10:05:00Z"), kind: "acknowledged", text: name },
        }),
      resolveIncident: (idempotency: ReturnType<typeof freshKey>) =>
        resolveIncident({ db, actor, idempotency, input: { incidentId, message: name, keepComponentIds: [] } }),
      createComponent: (idempotency: ReturnType<typeof freshKey>) => createComponent({ db, actor, idempotency, input: { name } }),
    };
    const counts = {
      createIncident: () => db.incident.count({ where: { name, kind: "incident", status: "investigating" } }),
      recordPastIncident: () => db.incident.count({ where: { name, kind: "incident", status: "resolved" } }),
      scheduleMaintenance: () => db.incident.count({ where: { name, kind: "maintenance" } }),
      postMaintenanceUpdate: () => db.incidentUpdate.count({ where: { incidentId: maintenanceId, body: name } }),
      addTimelineEvent: () => db.timelineEvent.count({ where: { incidentId, text: name } }),
      resolveIncident: () => db.incidentUpdate.count({ where: { incidentId, body: name } }),
      createComponent: () => db.component.count({ where: { name } }),
    };
    for (const [operation, write] of Object.entries(writes)) {
      const key = freshKey(actor);
      const first = await write(key);
      expect(await write(key), operation).toEqual(first);
      expect(await counts[operation as keyof typeof counts](), operation).toBe(1);
    }
  });

  it("refuses the key reused for something else, and keeps one person's keys from another's", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const colleague = await makeStaff(db);
    const { id: incidentId } = await makeIncident(db, { actor });
    const idempotency = freshKey(actor);
    const post = (who: typeof actor, message: string, key = idempotency) =>
      postUpdate({
        db,
        actor: who,
        idempotency: { ...key, scope: staffScope(who) },
        input: { incidentId, status: "identified", message, components: [] },
      });
    await post(actor, "First.");
    await expect(post(actor, "Edited after a timeout.")).rejects.toThrow(ConflictError);
    // The same token from another account is another key.
    await post(colleague, "First.");
    expect(await db.incidentUpdate.count({ where: { incidentId, body: "First." } })).toBe(2);
  });

  it("does not spend the key on a write that failed: the corrected retry writes", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const { id: incidentId } = await makeIncident(db, { actor });
    const idempotency = freshKey(actor);
    await expect(
      postUpdate({
        db,
        actor,
        idempotency,
        input: { incidentId: "gone", status: "identified", message: "Lost.", components: [] },
      }),
    ).rejects.toThrow(NotFoundError);
    expect(await db.idempotencyKey.count({ where: idempotency })).toBe(0);
    await postUpdate({ db, actor, idempotency, input: { incidentId, status: "identified", message: "Lost.", components: [] } });
    expect(await db.incidentUpdate.count({ where: { incidentId, body: "Lost." } })).toBe(1);
  });

  it("forgets keys after a day", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const old = freshKey(actor);
    const recent = freshKey(actor);
    const now = new Date();
    await db.idempotencyKey.createMany({
      data: [
        { ...old, fingerprint: "x", createdAt: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS - 1000) },
        { ...recent, fingerprint: "x", createdAt: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS + 60_000) },
      ],
    });
    await purgeIdempotencyKeys(db, now);
    expect(await db.idempotencyKey.count({ where: old })).toBe(0);
    expect(await db.idempotencyKey.count({ where: recent })).toBe(1);
  });

  it("reads a key from a form or header, refusing a malformed one", () => {
    expect(readIdempotencyKey("user:1", "")).toBeUndefined();
    expect(readIdempotencyKey("user:1", undefined)).toBeUndefined();
    expect(readIdempotencyKey("user:1", " 0123456789abcdef ")).toEqual({ scope: "user:1", key: "0123456789abcdef" });
    expect(() => readIdempotencyKey("user:1", "short")).toThrow(InvalidError);
    expect(() => readIdempotencyKey("user:1", "a b c d e f g h")).toThrow(InvalidError);
  });
});

describe("the remaining staff create forms submitted twice", () => {
  it("create one staff account; the retry gets no password (it was shown once, and is kept nowhere)", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const idempotency = freshKey(admin);
    const email = `retried-${randomBytes(4).toString("hex")}@example.com`;
    const submit = () => createUser({ db, actor: admin, idempotency, input: { email, name: "Retried", role: "editor" } });
    const first = await submit();
    const retry = await submit();
    expect(first.password).toMatch(/^[\w-]{16}$/);
    expect(retry).toEqual({ id: first.id, password: null });
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "user.created", targetId: first.id } })).toBe(1);
    const stored = await db.idempotencyKey.findUniqueOrThrow({ where: { scope_key: idempotency } });
    expect(JSON.stringify(stored)).not.toContain(first.password!);
  });

  it("add one component group and one template", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const name = `Retried ${randomBytes(4).toString("hex")}`;
    const groupKey = freshKey(admin);
    const addGroup = () => saveComponentGroup({ db, actor: admin, idempotency: groupKey, input: { groupId: null, name } });
    const group = await addGroup();
    expect(await addGroup()).toEqual(group);
    expect(await db.componentGroup.count({ where: { name } })).toBe(1);

    const templateKey = freshKey(admin);
    const addTemplate = () =>
      saveTemplate({
        db,
        actor: admin,
        idempotency: templateKey,
        input: { templateId: null, name, title: "", status: "", body: "We are looking into it." },
      });
    const template = await addTemplate();
    expect(await addTemplate()).toEqual(template);
    expect(await db.incidentTemplate.count({ where: { name } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "template.created", targetId: template.id } })).toBe(1);
  });

  it("move a component one place, not two; the next press (a new token) moves it again", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const group = await saveComponentGroup({
      db,
      actor: admin,
      input: { groupId: null, name: `Moves ${randomBytes(4).toString("hex")}` },
    });
    let last = "";
    for (const name of ["First", "Second", "Third"]) {
      last = (await createComponent({ db, actor: admin, input: { name, description: "", groupId: group.id } })).id;
    }
    const press = (idempotency: ReturnType<typeof freshKey>) =>
      moveComponent({ db, actor: admin, idempotency, input: { componentId: last, direction: "up" } });
    const key = freshKey(admin);
    expect(await press(key)).toMatchObject({ index: 2, moved: true });
    expect(await press(key)).toMatchObject({ index: 2, moved: true });
    const order = () =>
      db.component.findMany({ where: { groupId: group.id }, orderBy: { position: "asc" }, select: { name: true } });
    expect((await order()).map((c) => c.name)).toEqual(["First", "Third", "Second"]);
    expect(await press(freshKey(admin))).toMatchObject({ index: 1, moved: true });
    expect((await order()).map((c) => c.name)).toEqual(["Third", "First", "Second"]);
  });

  it("add one team channel; the retry gets no signing secret", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const idempotency = freshKey(admin);
    const url = `https://hooks.example.com/${randomBytes(4).toString("hex")}`;
    const submit = () =>
      addTeamChannel({ db, actor: admin, idempotency, input: { channel: "webhook", url, label: "#incidents" } });
    const first = await submit();
    const retry = await submit();
    expect(first).toMatchObject({ retried: false, signingSecret: expect.any(String) });
    expect(retry).toEqual({ subscriberId: first.subscriberId, signingSecret: null, retried: true });
    expect(await db.subscriber.count({ where: { target: url } })).toBe(1);
  });
});
