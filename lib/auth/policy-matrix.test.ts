import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { restoreEnv } from "../../tests/support/env.ts";
import { makeApiKey, makeComponent, makeIncident, makeStaff } from "../../tests/support/factories.ts";
import { deleteAlertMapping } from "../alerts/delete-alert-mapping.ts";
import { receiveAlerts } from "../alerts/receive-alerts.ts";
import { saveAlertMapping } from "../alerts/save-alert-mapping.ts";
import { authenticateApiRequest } from "../api-keys/authenticate-api-request.ts";
import { createApiKey } from "../api-keys/create-api-key.ts";
import { revokeApiKey } from "../api-keys/revoke-api-key.ts";
import { createComponent } from "../components/create-component.ts";
import { deleteComponent } from "../components/delete-component.ts";
import { deleteComponentGroup } from "../components/delete-component-group.ts";
import { editComponent } from "../components/edit-component.ts";
import { moveComponent } from "../components/move-component.ts";
import { moveComponentGroup } from "../components/move-component-group.ts";
import { placeComponent } from "../components/place-component.ts";
import { placeComponentGroup } from "../components/place-component-group.ts";
import { saveComponentGroup } from "../components/save-component-group.ts";
import { setComponentStatus } from "../components/set-component-status.ts";
import { setComponentStatuses } from "../components/set-component-statuses.ts";
import type { Db } from "../db/client.ts";
import { ForbiddenError } from "../errors.ts";
import { createIncident } from "../incidents/create-incident.ts";
import { deleteIncident } from "../incidents/delete-incident.ts";
import { editIncident } from "../incidents/edit-incident.ts";
import { editUpdate } from "../incidents/edit-update.ts";
import { postUpdate } from "../incidents/post-update.ts";
import { recordPastIncident } from "../incidents/record-past-incident.ts";
import { resolveIncident } from "../incidents/resolve-incident.ts";
import { advanceMaintenance } from "../maintenance/advance-maintenance.ts";
import { cancelMaintenance } from "../maintenance/cancel-maintenance.ts";
import { editMaintenance } from "../maintenance/edit-maintenance.ts";
import { postMaintenanceUpdate } from "../maintenance/post-maintenance-update.ts";
import { scheduleMaintenance } from "../maintenance/schedule-maintenance.ts";
import { updatePageSettings } from "../page/update-page-settings.ts";
import { savePostmortem } from "../postmortems/save-postmortem.ts";
import { setPostmortemPublished } from "../postmortems/set-postmortem-published.ts";
import { addTeamChannel } from "../subscribers/add-team-channel.ts";
import { importEmails } from "../subscribers/import-emails.ts";
import { reenableSubscriber } from "../subscribers/reenable-subscriber.ts";
import { removeSubscriber } from "../subscribers/remove-subscriber.ts";
import { sendTestMessage } from "../subscribers/send-test-message.ts";
import { createSubscriber } from "../subscribers/subscribe.ts";
import { deleteTemplate } from "../templates/delete-template.ts";
import { saveTemplate } from "../templates/save-template.ts";
import { addTimelineEvent } from "../timeline/add-timeline-event.ts";
import { editTimelineEvent } from "../timeline/edit-timeline-event.ts";
import { removeTimelineEvent } from "../timeline/remove-timeline-event.ts";
import { createUser } from "../users/create-user.ts";
import { updateUserAccess } from "../users/update-user-access.ts";
import type { Actor, StaffActor } from "./actor.ts";
import { type Action, POLICY, scopesAllowing } from "./policy.ts";

// Every write in lib/, called as six kinds of caller: its refusals must write nothing at all (the
// whole database is compared), its allowances must succeed. Who may do what comes from the
// policy table itself, so this checks that each write asks the policy, and asks for the right action.

/** Runs the write once, as `actor`; made fresh for each allowed caller, since an allowed write changes things. */
type Prepare = (db: Db, admin: StaffActor) => Promise<(actor: Actor) => Promise<unknown>>;
type Write = { name: string; action: Action; prepare: Prepare };

const past = (iso: string) => new Date(iso);
const incident = async (db: Db, admin: StaffActor) => (await makeIncident(db, { actor: admin })).id;
const window = async (db: Db, admin: StaffActor, scheduledFor = new Date(Date.now() + 86_400_000)) => {
  const component = await makeComponent(db);
  const { id } = await scheduleMaintenance({
    db,
    actor: admin,
    input: {
      name: "Window",
      message: "Planned.",
      scheduledFor,
      scheduledUntil: new Date(scheduledFor.getTime() + 3_600_000),
      componentIds: [component.id],
    },
  });
  return id;
};
const teamChannel = async (db: Db) =>
  createSubscriber(db, {
    channel: "webhook",
    target: `https://hooks.example.com/t/${Math.random()}`,
    state: "active",
    team: true,
    label: "Team",
  });
const pageVersion = async (db: Db) => (await db.pageSettings.findUniqueOrThrow({ where: { id: 1 } })).version;

const WRITES: Write[] = [
  {
    name: "createIncident",
    action: "incident.write",
    prepare: async (db) => (actor) =>
      createIncident({ db, actor, input: { name: "Outage", status: "investigating", message: "Looking." } }),
  },
  {
    name: "postUpdate",
    action: "incident.write",
    prepare: async (db, admin) => {
      const id = await incident(db, admin);
      return (actor) => postUpdate({ db, actor, input: { incidentId: id, status: "identified", message: "Found it." } });
    },
  },
  {
    name: "resolveIncident",
    action: "incident.write",
    prepare: async (db, admin) => {
      const id = await incident(db, admin);
      return (actor) => resolveIncident({ db, actor, input: { incidentId: id, message: "Fixed." } });
    },
  },
  {
    name: "editIncident",
    action: "incident.write",
    prepare: async (db, admin) => {
      const id = await incident(db, admin);
      const { version } = await db.incident.findUniqueOrThrow({ where: { id } });
      return (actor) => editIncident({ db, actor, input: { incidentId: id, version, name: "Renamed", impactOverride: null } });
    },
  },
  {
    name: "editUpdate",
    action: "incident.write",
    prepare: async (db, admin) => {
      const id = await incident(db, admin);
      const update = await db.incidentUpdate.findFirstOrThrow({ where: { incidentId: id } });
      return (actor) =>
        editUpdate({
          db,
          actor,
          input: { updateId: update.id, version: update.version, message: "Reworded.", displayAt: update.displayAt },
        });
    },
  },
  {
    name: "deleteIncident",
    action: "incident.write",
    prepare: async (db, admin) => {
      const id = await incident(db, admin);
      return (actor) => deleteIncident({ db, actor, input: { incidentId: id } });
    },
  },
  {
    name: "recordPastIncident",
    action: "incident.write",
    prepare: async (db) => {
      const component = await makeComponent(db);
      return (actor) =>
        recordPastIncident({
          db,
          actor,
          input: {
            name: "Last week",
            message: "It happened.",
            components: [{ componentId: component.id, status: "major_outage" }],
            startedAt: past("2024-05-01T10:00:00Z"),
            resolvedAt: past("2024-05-01T11:00:00Z"),
          },
        });
    },
  },
  {
    name: "savePostmortem",
    action: "postmortem.write",
    prepare: async (db, admin) => {
      const id = await incident(db, admin);
      return (actor) => savePostmortem({ db, actor, input: { incidentId: id, version: null, body: "What happened." } });
    },
  },
  {
    name: "setPostmortemPublished",
    action: "postmortem.write",
    prepare: async (db, admin) => {
      const id = await incident(db, admin);
      const { version } = await savePostmortem({ db, actor: admin, input: { incidentId: id, version: null, body: "Draft." } });
      return (actor) =>
        setPostmortemPublished({ db, actor, input: { incidentId: id, version, deliverNotifications: false }, published: true });
    },
  },
  {
    name: "addTimelineEvent",
    action: "timeline.write",
    prepare: async (db, admin) => {
      const id = await incident(db, admin);
      return (actor) =>
        addTimelineEvent({
          db,
          actor,
          input: { incidentId: id, at: past("2024-05-01T10:00:00Z"), kind: "detected", text: "Alert." },
        });
    },
  },
  {
    name: "editTimelineEvent",
    action: "timeline.write",
    prepare: async (db, admin) => {
      const id = await incident(db, admin);
      const input = { at: past("2024-05-01T10:00:00Z"), kind: "detected" as const, text: "Alert." };
      const { id: eventId } = await addTimelineEvent({ db, actor: admin, input: { incidentId: id, ...input } });
      const { updatedAt } = await db.timelineEvent.findUniqueOrThrow({ where: { id: eventId } });
      return (actor) => editTimelineEvent({ db, actor, input: { eventId, loadedAt: updatedAt, ...input, text: "Alert fired." } });
    },
  },
  {
    name: "removeTimelineEvent",
    action: "timeline.write",
    prepare: async (db, admin) => {
      const id = await incident(db, admin);
      const input = { incidentId: id, at: past("2024-05-01T10:00:00Z"), kind: "detected" as const, text: "Alert." };
      const { id: eventId } = await addTimelineEvent({ db, actor: admin, input });
      return (actor) => removeTimelineEvent({ db, actor, input: { eventId } });
    },
  },
  {
    name: "saveTemplate",
    action: "template.write",
    prepare: async (db) => (actor) => saveTemplate({ db, actor, input: { name: "Outage", title: "", body: "We are looking." } }),
  },
  {
    name: "deleteTemplate",
    action: "template.write",
    prepare: async (db, admin) => {
      const { id } = await saveTemplate({ db, actor: admin, input: { name: "Old", title: "", body: "Old text." } });
      return (actor) => deleteTemplate({ db, actor, input: { templateId: id } });
    },
  },
  {
    name: "saveAlertMapping",
    action: "alert.mapping",
    prepare: async (db) => {
      const component = await makeComponent(db);
      return (actor) =>
        saveAlertMapping({
          db,
          actor,
          input: {
            name: "Auth",
            matchers: 'service="auth"',
            componentId: component.id,
            status: "major_outage",
            minHoldSeconds: 0,
          },
        });
    },
  },
  {
    name: "deleteAlertMapping",
    action: "alert.mapping",
    prepare: async (db, admin) => {
      const component = await makeComponent(db);
      const input = {
        name: "Old",
        matchers: 'service="old"',
        componentId: component.id,
        status: "major_outage" as const,
        minHoldSeconds: 0,
      };
      const { id } = await saveAlertMapping({ db, actor: admin, input });
      return (actor) => deleteAlertMapping({ db, actor, input: { mappingId: id } });
    },
  },
  {
    name: "receiveAlerts",
    action: "component.status",
    prepare: async (db) => (actor) =>
      receiveAlerts({
        db,
        actor,
        input: {
          source: "alertmanager",
          body: {
            version: "4",
            alerts: [
              {
                status: "firing",
                labels: { service: "auth" },
                startsAt: new Date().toISOString(),
                fingerprint: `fp-${Math.random()}`,
              },
            ],
          },
        },
      }),
  },
  {
    name: "setComponentStatus",
    action: "component.status",
    prepare: async (db) => {
      const component = await makeComponent(db);
      return (actor) => setComponentStatus({ db, actor, input: { componentId: component.id, status: "major_outage" } });
    },
  },
  {
    name: "setComponentStatuses",
    action: "component.status",
    prepare: async (db) => {
      const [a, b] = [await makeComponent(db), await makeComponent(db)];
      return (actor) => setComponentStatuses({ db, actor, input: { componentIds: [a.id, b.id], status: "partial_outage" } });
    },
  },
  {
    name: "createComponent",
    action: "component.edit",
    prepare: async (db) => (actor) => createComponent({ db, actor, input: { name: "Search" } }),
  },
  {
    name: "placeComponent",
    action: "component.edit",
    prepare: async (db) => {
      const component = await makeComponent(db);
      return (actor) => placeComponent({ db, actor, input: { componentId: component.id, index: 0 } });
    },
  },
  {
    name: "placeComponentGroup",
    action: "component.edit",
    prepare: async (db) => {
      const group = await db.componentGroup.create({ data: { name: "Platform" } });
      return (actor) => placeComponentGroup({ db, actor, input: { groupId: group.id, index: 0 } });
    },
  },
  {
    name: "editComponent",
    action: "component.edit",
    prepare: async (db) => {
      const component = await makeComponent(db);
      return (actor) =>
        editComponent({
          db,
          actor,
          input: { componentId: component.id, version: component.version, name: "Renamed", description: "", groupId: null },
        });
    },
  },
  {
    name: "deleteComponent",
    action: "component.edit",
    prepare: async (db) => {
      const component = await makeComponent(db);
      return (actor) => deleteComponent({ db, actor, input: { componentId: component.id } });
    },
  },
  {
    name: "moveComponent",
    action: "component.edit",
    prepare: async (db) => {
      await makeComponent(db);
      const last = await makeComponent(db);
      await db.component.update({ where: { id: last.id }, data: { position: 1_000_000 } });
      return (actor) => moveComponent({ db, actor, input: { componentId: last.id, direction: "up" } });
    },
  },
  {
    name: "saveComponentGroup",
    action: "component.edit",
    prepare: async (db) => (actor) => saveComponentGroup({ db, actor, input: { name: "Backend" } }),
  },
  {
    name: "deleteComponentGroup",
    action: "component.edit",
    prepare: async (db) => {
      const group = await db.componentGroup.create({ data: { name: "Doomed" } });
      return (actor) => deleteComponentGroup({ db, actor, input: { groupId: group.id } });
    },
  },
  {
    name: "moveComponentGroup",
    action: "component.edit",
    prepare: async (db) => {
      await db.componentGroup.create({ data: { name: "First" } });
      const last = await db.componentGroup.create({ data: { name: "Last", position: 1_000_001 } });
      return (actor) => moveComponentGroup({ db, actor, input: { groupId: last.id, direction: "up" } });
    },
  },
  {
    name: "scheduleMaintenance",
    action: "maintenance.write",
    prepare: async (db) => {
      const component = await makeComponent(db);
      return (actor) =>
        scheduleMaintenance({
          db,
          actor,
          input: {
            name: "Upgrade",
            message: "Planned.",
            scheduledFor: new Date(Date.now() + 86_400_000),
            scheduledUntil: new Date(Date.now() + 90_000_000),
            componentIds: [component.id],
          },
        });
    },
  },
  {
    name: "editMaintenance",
    action: "maintenance.write",
    prepare: async (db, admin) => {
      const id = await window(db, admin);
      const found = await db.incident.findUniqueOrThrow({ where: { id }, include: { components: true } });
      return (actor) =>
        editMaintenance({
          db,
          actor,
          input: {
            incidentId: id,
            version: found.version,
            name: "Longer upgrade",
            scheduledFor: found.scheduledFor!,
            scheduledUntil: new Date(found.scheduledUntil!.getTime() + 3_600_000),
            componentIds: found.components.map((c) => c.componentId),
            autoStart: true,
            autoComplete: true,
          },
        });
    },
  },
  {
    name: "postMaintenanceUpdate",
    action: "maintenance.write",
    prepare: async (db, admin) => {
      const id = await window(db, admin);
      return (actor) =>
        postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "scheduled", message: "Still on." } });
    },
  },
  {
    name: "cancelMaintenance",
    action: "maintenance.write",
    prepare: async (db, admin) => {
      const id = await window(db, admin);
      return (actor) => cancelMaintenance({ db, actor, input: { incidentId: id } });
    },
  },
  {
    name: "advanceMaintenance",
    action: "maintenance.write",
    prepare: async (db, admin) => {
      const id = await window(db, admin, new Date(Date.now() - 60_000));
      return (actor) => advanceMaintenance({ db, actor, input: { incidentId: id }, step: "start", at: new Date() });
    },
  },
  {
    name: "importEmails",
    action: "subscriber.manage",
    prepare: async (db) => (actor) => importEmails({ db, actor, csv: `reader-${Math.random()}@example.com` }),
  },
  {
    name: "addTeamChannel",
    action: "subscriber.manage",
    prepare: async (db) => (actor) =>
      addTeamChannel({
        db,
        actor,
        input: { channel: "webhook", url: `https://hooks.example.com/ops/${Math.random()}`, label: "Ops" },
      }),
  },
  {
    name: "removeSubscriber",
    action: "subscriber.manage",
    prepare: async (db) => {
      const subscriber = await createSubscriber(db, {
        channel: "email",
        target: `gone-${Math.random()}@example.com`,
        state: "active",
      });
      return (actor) => removeSubscriber({ db, actor, input: { subscriberId: subscriber.id } });
    },
  },
  {
    name: "reenableSubscriber",
    action: "subscriber.manage",
    prepare: async (db) => {
      const subscriber = await createSubscriber(db, {
        channel: "email",
        target: `off-${Math.random()}@example.com`,
        state: "disabled",
      });
      return (actor) => reenableSubscriber({ db, actor, input: { subscriberId: subscriber.id } });
    },
  },
  {
    name: "sendTestMessage",
    action: "subscriber.manage",
    prepare: async (db) => {
      const channel = await teamChannel(db);
      return (actor) => sendTestMessage({ db, actor, input: { subscriberId: channel.id } });
    },
  },
  {
    name: "updatePageSettings",
    action: "page.settings",
    prepare: async (db) => {
      const version = await pageVersion(db);
      return (actor) =>
        updatePageSettings({
          db,
          actor,
          input: { version, name: "Acme", publicUrl: "", timeZone: "UTC", brandColor: "#123abc", logoUrl: "", supportUrl: "" },
        });
    },
  },
  {
    name: "createUser",
    action: "staff.manage",
    prepare: async (db) => (actor) =>
      createUser({ db, actor, input: { email: `new-${Math.random()}@example.com`, name: "New", role: "editor" } }),
  },
  {
    name: "updateUserAccess",
    action: "staff.manage",
    prepare: async (db) => {
      const target = await makeStaff(db);
      return (actor) => updateUserAccess({ db, actor, input: { userId: target.id }, change: { kind: "disable" } });
    },
  },
  {
    name: "createApiKey",
    action: "apiKey.manage",
    prepare: async (db) => (actor) => createApiKey({ db, actor, input: { name: "CI", scopes: ["incidents"] } }),
  },
  {
    name: "revokeApiKey",
    action: "apiKey.manage",
    prepare: async (db) => {
      const key = await makeApiKey(db);
      return (actor) => revokeApiKey({ db, actor, input: { apiKeyId: key.id } });
    },
  },
];

/** Every row of every table, hashed: equal before and after means nothing at all was written. */
async function fingerprint(db: Db): Promise<string> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`;
  const parts = await Promise.all(
    tables.map(async ({ name }) => {
      const [row] = await db.$queryRawUnsafe<{ hash: string | null }[]>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS hash FROM "${name}" t`,
      );
      return `${name}:${row?.hash ?? "empty"}`;
    }),
  );
  return parts.join(",");
}

let db: Db;
let url: string;
let admin: StaffActor;
const saved = { ...process.env };

beforeAll(async () => {
  ({ db, url } = await ownDatabase());
  Object.assign(process.env, { NEXTAUTH_SECRET: "policy-matrix-test-secret", UPSTATE_WEBHOOK_ALLOW_PRIVATE: "" });
  await db.pageSettings.create({ data: { id: 1, name: "Acme" } });
  admin = await makeStaff(db, { role: "admin" });
  return () => {
    restoreEnv(saved);
  };
});

/** The six callers, and whether the policy table says each may do `action`. */
async function callers(action: Action): Promise<{ who: string; actor: Actor; allowed: boolean }[]> {
  const scopes = scopesAllowing(action);
  const roles: readonly string[] = POLICY[action].roles;
  const gone: StaffActor = { kind: "staff", id: "no-such-account", email: "gone@example.com", name: "Gone", role: "admin" };
  return [
    { who: "signed out (no actor)", actor: null as unknown as Actor, allowed: false },
    { who: "signed out (account gone)", actor: gone, allowed: false },
    { who: "disabled admin", actor: await makeStaff(db, { role: "admin", disabled: true }), allowed: false },
    { who: "editor", actor: await makeStaff(db, { role: "editor" }), allowed: roles.includes("editor") },
    { who: "admin", actor: await makeStaff(db, { role: "admin" }), allowed: true },
    {
      who: `key with ${scopes[0] ?? "admin"}`,
      actor: await makeApiKey(db, { scopes: [scopes[0] ?? "admin"] }),
      allowed: scopes.length > 0,
    },
    { who: "key with read only", actor: await makeApiKey(db, { scopes: ["read"] }), allowed: false },
  ];
}

describe("every write in lib/ asks the policy", () => {
  it.each(WRITES.map((write) => [write.name, write] as const))("%s", async (_name, write) => {
    const all = await callers(write.action);
    const refusedRun = await write.prepare(db, admin);
    for (const { who, actor } of all.filter((caller) => !caller.allowed)) {
      const before = await fingerprint(db);
      const error = await refusedRun(actor).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error, `${write.name} as ${who}`).toBeInstanceOf(ForbiddenError);
      expect(await fingerprint(db), `${write.name} as ${who} wrote something`).toBe(before);
    }
    for (const { who, actor } of all.filter((caller) => caller.allowed)) {
      const run = await write.prepare(db, admin);
      await expect(
        run(actor).then(() => "done"),
        `${write.name} as ${who}`,
      ).resolves.toBe("done");
    }
  });
});

describe("a key or account changed after authentication", () => {
  const newIncident = (actor: Actor) =>
    createIncident({ db, actor, input: { name: `Late ${Math.random()}`, status: "investigating", message: "Hm." } });

  it("a key revoked after the request was authenticated is refused inside the write", async () => {
    const key = await makeApiKey(db, { scopes: ["incidents"] });
    const actor = await authenticateApiRequest(db, new Headers({ authorization: `OAuth ${key.secret}` }));
    await revokeApiKey({ db, actor: admin, input: { apiKeyId: key.id } });
    const before = await fingerprint(db);
    await expect(newIncident(actor)).rejects.toThrow(ForbiddenError);
    expect(await fingerprint(db)).toBe(before);
  });

  it("a revocation committing while the write waits for the key's row refuses the write", async () => {
    const key = await makeApiKey(db, { scopes: ["incidents"] });
    const actor = await authenticateApiRequest(db, new Headers({ authorization: `Bearer ${key.secret}` }));
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query("BEGIN");
    await other.query(`UPDATE "ApiKey" SET "revokedAt" = now() WHERE id = $1`, [key.id]);
    const write = newIncident(actor).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await other.query("COMMIT");
    await other.end();
    expect(await write).toBeInstanceOf(ForbiddenError);
    expect(await db.auditLog.count({ where: { apiKeyId: key.id } })).toBe(0);
  });

  it("an account disabled after its session was read is refused inside the write", async () => {
    const editor = await makeStaff(db);
    await db.user.update({ where: { id: editor.id }, data: { disabled: true } });
    await expect(newIncident(editor)).rejects.toThrow(ForbiddenError);
  });

  it("an API write is audited with the key as the actor", async () => {
    const key = await makeApiKey(db, { scopes: ["incidents"], name: "Pager" });
    const { id } = await newIncident(key);
    const entry = await db.auditLog.findFirstOrThrow({ where: { targetId: id, action: "incident.created" } });
    expect(entry).toMatchObject({ apiKeyId: key.id, actorId: null, actorEmail: "api-key:Pager" });
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).createdById).toBeNull();
  });
});
