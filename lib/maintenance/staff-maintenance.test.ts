import { describe, expect, it } from "vitest";
import { ownDatabase, testDb } from "../../tests/support/db.ts";
import { makeComponent, makeStaff } from "../../tests/support/factories.ts";
import { scheduleTestWindow } from "../../tests/support/maintenance-window.ts";
import { listenToPublicChanges } from "../../tests/support/public-changes.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "../errors.ts";
import { editUpdate } from "../incidents/edit-update.ts";
import { incidentLabel, updateLabel } from "../incidents/labels.ts";
import { getPublicIncident } from "../incidents/queries.ts";
import { getStatusPageData } from "../status-page/queries.ts";
import { CANCELLED_MESSAGE, cancelMaintenance } from "./cancel-maintenance.ts";
import { editMaintenance } from "./edit-maintenance.ts";
import { maintenanceStep, postMaintenanceUpdate } from "./post-maintenance-update.ts";
import { getMaintenanceForStaff, listMaintenanceForStaff } from "./queries.ts";
import { runDueMaintenance } from "./run-due-maintenance.ts";

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const fromNow = (ms: number) => new Date(Date.now() + ms);

/** The test window, automatic flags off unless asked. */
const scheduleWindow = (db: Db = testDb(), window: Parameters<typeof scheduleTestWindow>[1] = {}) =>
  scheduleTestWindow(db, { autoStart: false, autoComplete: false, ...window });

const statusOf = async (db: Db, componentId: string) =>
  (await db.component.findUniqueOrThrow({ where: { id: componentId } })).status;
const windowOf = (db: Db, id: string) => db.incident.findUniqueOrThrow({ where: { id }, include: { updates: true } });
const versionOf = async (db: Db, id: string) => (await windowOf(db, id)).version;
/** What the edit form holds when opened on `window`. */
const formOf = (window: Awaited<ReturnType<typeof windowOf>>) => ({
  incidentId: window.id,
  version: window.version,
  name: window.name,
  scheduledFor: window.scheduledFor!,
  scheduledUntil: window.scheduledUntil!,
  autoStart: window.autoStart,
  autoComplete: window.autoComplete,
  componentIds: [] as string[],
});
const errorOf = (promise: Promise<unknown>) => promise.then(() => null).catch((e: unknown) => e);

describe("maintenanceStep", () => {
  it("starts a scheduled window, completes a running one, and refuses moves back", () => {
    expect(maintenanceStep("scheduled", "scheduled")).toEqual({ step: "note" });
    expect(maintenanceStep("scheduled", "in_progress")).toEqual({ step: "start" });
    expect(maintenanceStep("scheduled", "verifying")).toEqual({ step: "start" });
    expect(maintenanceStep("in_progress", "verifying")).toEqual({ step: "note" });
    expect(maintenanceStep("verifying", "in_progress")).toEqual({ step: "note" });
    expect(maintenanceStep("verifying", "completed")).toEqual({ step: "complete" });
    expect(maintenanceStep("completed", "completed")).toEqual({ step: "note" });
    for (const [from, to] of [
      ["scheduled", "completed"],
      ["in_progress", "scheduled"],
      ["completed", "in_progress"],
      ["completed", "scheduled"],
    ] as const) {
      expect(maintenanceStep(from, to)).toHaveProperty("refused");
    }
  });
});

describe("postMaintenanceUpdate", () => {
  it("starts a window by hand at a back-dated time and completes it, recorded in the history like the scheduler", async () => {
    const { db, actor, api, webhooks, id } = await scheduleWindow();
    const { id: startId } = await postMaintenanceUpdate({
      db,
      actor,
      input: { incidentId: id, status: "in_progress", message: "Swapping now.", displayAt: at("2024-03-01T10:05:00Z") },
    });
    expect(await statusOf(db, api.id)).toBe("under_maintenance");
    expect(await statusOf(db, webhooks.id)).toBe("under_maintenance");
    expect(await windowOf(db, id)).toMatchObject({ status: "in_progress", impact: "maintenance" });
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "verifying", message: "Checking." } });
    expect(await statusOf(db, api.id)).toBe("under_maintenance");
    const { id: doneId } = await postMaintenanceUpdate({
      db,
      actor,
      input: { incidentId: id, status: "completed", message: "Done." },
    });
    // Each component returns to the status it had before the window, not simply to operational.
    expect(await statusOf(db, api.id)).toBe("operational");
    expect(await statusOf(db, webhooks.id)).toBe("degraded_performance");
    const window = await windowOf(db, id);
    expect(window.status).toBe("completed");
    expect(window.resolvedAt).not.toBeNull();
    const history = await db.componentStatusChange.findMany({ where: { componentId: webhooks.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.status, h.source, h.incidentId, h.incidentUpdateId])).toEqual([
      ["under_maintenance", "maintenance", id, startId],
      ["degraded_performance", "maintenance", id, doneId],
    ]);
    expect(history[0]!.at).toEqual(at("2024-03-01T10:05:00Z"));
    const audit = await db.auditLog.findMany({ where: { action: "maintenance.update_posted", actorId: actor.id } });
    expect(audit.map((a) => (a.after as { status: string }).status)).toEqual(["in_progress", "verifying", "completed"]);
  });

  it("adds notes before the start and after the end without touching the components", async () => {
    const { db, actor, api, id } = await scheduleWindow();
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "scheduled", message: "Still on." } });
    expect(await statusOf(db, api.id)).toBe("operational");
    expect((await windowOf(db, id)).status).toBe("scheduled");
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "in_progress", message: "Go." } });
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "completed", message: "Done." } });
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "completed", message: "Report attached." } });
    const window = await windowOf(db, id);
    expect(window.status).toBe("completed");
    expect(window.updates).toHaveLength(5);
    expect(await db.componentStatusChange.count({ where: { componentId: api.id } })).toBe(2);
  });

  it("refuses moves that make no sense and bad input, saying which field, writing nothing", async () => {
    const { db, actor, id } = await scheduleWindow();
    const post = (input: Partial<Parameters<typeof postMaintenanceUpdate>[0]["input"]>) =>
      errorOf(postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "verifying", message: "x", ...input } }));
    expect(((await post({ status: "completed" })) as InvalidError).fieldErrors.status).toMatch(/has not started/);
    expect(((await post({ status: "investigating" as "verifying", message: " " })) as InvalidError).fieldErrors).toEqual({
      status: "Choose a status.",
      message: "Write a message for the public.",
    });
    expect(((await post({ displayAt: fromNow(HOUR) })) as InvalidError).fieldErrors.displayAt).toBe(
      "The time cannot be in the future.",
    );
    // A start shown before the announcement would not take effect.
    expect(((await post({ status: "in_progress", displayAt: at("2020-01-01T00:00:00Z") })) as InvalidError).fieldErrors).toEqual({
      displayAt: expect.stringMatching(/after the latest update/),
    });
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "in_progress", message: "Go." } });
    expect(((await post({ status: "scheduled" })) as InvalidError).fieldErrors.status).toMatch(/already started/);
    expect(await post({ incidentId: "gone" })).toBeInstanceOf(NotFoundError);
    expect((await windowOf(db, id)).updates).toHaveLength(2);
  });

  it("refuses a signed-out request and a disabled account, writing nothing", async () => {
    const { db, id } = await scheduleWindow();
    const disabled = await makeStaff(db, { disabled: true });
    const signedOut = await errorOf(
      postMaintenanceUpdate({
        db,
        actor: null as unknown as Actor,
        input: { incidentId: id, status: "in_progress", message: "x" },
      }),
    );
    expect(signedOut).toBeInstanceOf(ForbiddenError);
    expect((signedOut as ForbiddenError).signedOut).toBe(true);
    await expect(
      postMaintenanceUpdate({ db, actor: disabled, input: { incidentId: id, status: "in_progress", message: "x" } }),
    ).rejects.toThrow(ForbiddenError);
    expect((await windowOf(db, id)).updates).toHaveLength(1);
  });

  it("tells every public page once the transaction commits", async () => {
    const { db, actor, id } = await scheduleWindow();
    const changes = await listenToPublicChanges();
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "in_progress", message: "Go." } });
    await changes.settle();
    expect(changes.received).toContainEqual({ incidentIds: [id], all: true });
  });
});

describe("editMaintenance", () => {
  it("edits a scheduled window's name, window, components and flags, with the audit row", async () => {
    const { db, actor, api, id } = await scheduleWindow();
    const db2 = await makeComponent(db, { name: "Database" });
    await editMaintenance({
      db,
      actor,
      input: {
        incidentId: id,
        version: await versionOf(db, id),
        name: "Router and database swap",
        scheduledFor: at("2024-03-02T10:00:00Z"),
        scheduledUntil: at("2024-03-02T14:00:00Z"),
        componentIds: [api.id, db2.id],
        autoStart: true,
        autoComplete: false,
      },
    });
    const window = await db.incident.findUniqueOrThrow({ where: { id }, include: { components: true } });
    expect(window).toMatchObject({
      name: "Router and database swap",
      status: "scheduled",
      startedAt: at("2024-03-02T10:00:00Z"),
      scheduledFor: at("2024-03-02T10:00:00Z"),
      scheduledUntil: at("2024-03-02T14:00:00Z"),
      autoStart: true,
      autoComplete: false,
    });
    expect(window.components.map((c) => c.componentId).sort()).toEqual([api.id, db2.id].sort());
    expect(await statusOf(db, db2.id)).toBe("operational");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "maintenance.edited", targetId: id } });
    expect(audit.before).toMatchObject({ name: "Router swap", autoStart: false });
    expect(audit.after).toMatchObject({ name: "Router and database swap", autoStart: true });
  });

  it("lets components join and leave a running window, recorded in the history", async () => {
    const { db, actor, api, webhooks, id } = await scheduleWindow();
    const cache = await makeComponent(db, { name: "Cache", status: "partial_outage" });
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "in_progress", message: "Go." } });
    const window = await windowOf(db, id);
    await editMaintenance({
      db,
      actor,
      input: { ...formOf(window), componentIds: [api.id, cache.id] },
    });
    expect(await statusOf(db, webhooks.id)).toBe("degraded_performance");
    expect(await statusOf(db, cache.id)).toBe("under_maintenance");
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "completed", message: "Done." } });
    expect(await statusOf(db, cache.id)).toBe("partial_outage");
    expect(await statusOf(db, api.id)).toBe("operational");
    const history = await db.componentStatusChange.findMany({ where: { componentId: cache.id }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.status, h.source, h.incidentId])).toEqual([
      ["under_maintenance", "maintenance", id],
      ["partial_outage", "maintenance", id],
    ]);
  });

  it("refuses the second of two people editing from the same version, saying what it is now", async () => {
    const { db, actor, id } = await scheduleWindow();
    const other = await makeStaff(db);
    const opened = await windowOf(db, id);
    const edit = (who: Actor, name: string) => editMaintenance({ db, actor: who, input: { ...formOf(opened), name } });
    await edit(other, "Renamed by the other");
    const error = await errorOf(edit(actor, "Renamed by me"));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toContain("Renamed by the other");
    expect((error as ConflictError).currentVersion).toBe(await versionOf(db, id));
    expect((await windowOf(db, id)).name).toBe("Renamed by the other");
  });

  it("conflicts with a form opened before the window started by itself", async () => {
    const { db, actor, id } = await scheduleWindow(await ownDatabase().then((o) => o.db), { autoStart: true });
    const opened = await windowOf(db, id);
    await runDueMaintenance(db, at("2024-03-01T10:00:00Z"));
    const error = await errorOf(editMaintenance({ db, actor, input: formOf(opened) }));
    expect((error as ConflictError).message).toMatch(/In progress/);
  });

  it("moves the start of a scheduled window into the past, and the scheduler then starts it once", async () => {
    const { db } = await ownDatabase();
    const { actor, api, id } = await scheduleWindow(db, { scheduledFor: fromNow(HOUR), scheduledUntil: fromNow(2 * HOUR) });
    const opened = await windowOf(db, id);
    const announcedAt = opened.updates[0]!.displayAt;
    await editMaintenance({
      db,
      actor,
      input: { ...formOf(opened), scheduledFor: fromNow(-HOUR), autoStart: true, componentIds: [api.id] },
    });
    expect((await runDueMaintenance(db)).started).toEqual([id]);
    expect((await runDueMaintenance(db)).started).toEqual([]);
    expect(await statusOf(db, api.id)).toBe("under_maintenance");
    const window = await windowOf(db, id);
    expect(window.status).toBe("in_progress");
    // The start cannot be shown before the announcement made after the (new) start.
    const started = window.updates.find((u) => u.status === "in_progress")!;
    expect(started.displayAt).toEqual(announcedAt);
  });

  it("refuses an end before the start, unknown components and a completed window, writing nothing", async () => {
    const { db, actor, id } = await scheduleWindow();
    const opened = await windowOf(db, id);
    const edit = (input: object) => errorOf(editMaintenance({ db, actor, input: { ...formOf(opened), ...input } }));
    expect(((await edit({ scheduledUntil: at("2024-03-01T09:00:00Z") })) as InvalidError).fieldErrors).toEqual({
      scheduledUntil: "The end must be after the start.",
    });
    expect(((await edit({ name: "" })) as InvalidError).fieldErrors).toEqual({ name: "Give the maintenance a name." });
    expect(((await edit({ componentIds: ["gone"] })) as InvalidError).fieldErrors).toEqual({ components: "Unknown component." });
    expect(await edit({ version: undefined })).toBeInstanceOf(InvalidError);
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "in_progress", message: "Go." } });
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "completed", message: "Done." } });
    const done = await windowOf(db, id);
    expect(await errorOf(editMaintenance({ db, actor, input: { ...formOf(done), name: "Late" } }))).toBeInstanceOf(InvalidError);
    expect((await windowOf(db, id)).name).toBe("Router swap");
  });

  it("refuses a signed-out request and a deleted account", async () => {
    const { db, id } = await scheduleWindow();
    const opened = await windowOf(db, id);
    const gone = await makeStaff(db);
    await db.user.delete({ where: { id: gone.id } });
    const input = { ...formOf(opened), name: "Nope" };
    await expect(editMaintenance({ db, actor: null as unknown as Actor, input })).rejects.toThrow(/signed out/);
    await expect(editMaintenance({ db, actor: gone, input })).rejects.toThrow(ForbiddenError);
    expect((await windowOf(db, id)).name).toBe("Router swap");
  });

  it("edits the text of its updates with the incident update editor, which refuses a stale version", async () => {
    const { db, actor, id } = await scheduleWindow();
    const [announcement] = (await windowOf(db, id)).updates;
    const input = { updateId: announcement!.id, version: 0, displayAt: announcement!.displayAt };
    await editUpdate({ db, actor, input: { ...input, message: "Routers are replaced, carefully." } });
    await expect(editUpdate({ db, actor, input: { ...input, message: "Stale." } })).rejects.toThrow(ConflictError);
    expect((await windowOf(db, id)).updates[0]!.body).toBe("Routers are replaced, carefully.");
  });
});

describe("cancelMaintenance", () => {
  it("keeps a running window with a final update and returns its components to their previous status", async () => {
    const { db, actor, api, webhooks, id } = await scheduleWindow();
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "in_progress", message: "Go." } });
    await cancelMaintenance({ db, actor, input: { incidentId: id } });
    const window = await windowOf(db, id);
    expect(window.status).toBe("completed");
    expect(window.updates.find((u) => u.body === CANCELLED_MESSAGE)).toMatchObject({ status: "completed" });
    expect(await statusOf(db, api.id)).toBe("operational");
    expect(await statusOf(db, webhooks.id)).toBe("degraded_performance");
    const last = await db.componentStatusChange.findFirstOrThrow({ where: { componentId: api.id }, orderBy: { id: "desc" } });
    expect([last.status, last.source, last.incidentId]).toEqual(["operational", "maintenance", id]);
    expect(await db.auditLog.count({ where: { action: "maintenance.cancelled", targetId: id, actorId: actor.id } })).toBe(1);
    expect(incidentLabel((await getMaintenanceForStaff(db, id))!)).toBe("Cancelled");
    // The public reads "Cancelled" for the window and its closing update, not "Completed".
    const closing = window.updates.find((u) => u.body === CANCELLED_MESSAGE)!;
    const shown = (await getPublicIncident(db, id))!;
    expect(shown.cancelledAt).toEqual(closing.displayAt);
    expect(shown.updates.map((u) => updateLabel(u))).toEqual(["Cancelled", "In progress", "Scheduled"]);
    expect(incidentLabel(shown)).toBe("Cancelled");
  });

  it("names its own closing update Cancelled, even beside another completed update of the same time, and keeps it so when its time moves", async () => {
    const { db, actor, id } = await scheduleWindow();
    await cancelMaintenance({ db, actor, input: { incidentId: id } });
    const closing = (await windowOf(db, id)).updates.find((u) => u.body === CANCELLED_MESSAGE)!;
    await db.incidentUpdate.create({
      data: { incidentId: id, status: "completed", body: "A note.", displayAt: closing.displayAt },
    });
    const labelsOf = async () =>
      Object.fromEntries((await getPublicIncident(db, id))!.updates.map((u) => [u.body, updateLabel(u)]));
    expect(await labelsOf()).toMatchObject({ [CANCELLED_MESSAGE]: "Cancelled", "A note.": "Completed" });
    const later = new Date(closing.displayAt.getTime() + 60_000);
    await editUpdate({
      db,
      actor,
      input: { updateId: closing.id, version: closing.version, displayAt: later, message: closing.body },
    });
    expect(await labelsOf()).toMatchObject({ [CANCELLED_MESSAGE]: "Cancelled", "A note.": "Completed" });
    expect((await getPublicIncident(db, id))!.cancelledAt).toEqual(later);
  });

  it("takes a window that has not started off the upcoming list, and the scheduler leaves it alone", async () => {
    const { db } = await ownDatabase();
    const { actor, api, id } = await scheduleWindow(db, {
      scheduledFor: fromNow(HOUR),
      scheduledUntil: fromNow(2 * HOUR),
      autoStart: true,
      autoComplete: true,
    });
    expect((await getStatusPageData(db)).upcomingMaintenance.map((m) => m.id)).toEqual([id]);
    await cancelMaintenance({ db, actor, input: { incidentId: id, message: "Postponed to next week." } });
    const page = await getStatusPageData(db);
    expect([...page.upcomingMaintenance, ...page.activeMaintenance]).toEqual([]);
    expect(await runDueMaintenance(db, fromNow(3 * HOUR))).toEqual({ started: [], completed: [] });
    expect(await statusOf(db, api.id)).toBe("operational");
    expect(await db.componentStatusChange.count({ where: { componentId: api.id } })).toBe(0);
    const [listed] = await listMaintenanceForStaff(db);
    expect(listed).toMatchObject({ id, status: "completed" });
    expect(incidentLabel(listed!)).toBe("Cancelled");
    expect((await windowOf(db, id)).updates.map((u) => u.body)).toContain("Postponed to next week.");
  });

  it("refuses a completed window, a signed-out request and a disabled account", async () => {
    const { db, actor, id } = await scheduleWindow();
    const disabled = await makeStaff(db, { disabled: true });
    await expect(cancelMaintenance({ db, actor: null as unknown as Actor, input: { incidentId: id } })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(cancelMaintenance({ db, actor: disabled, input: { incidentId: id } })).rejects.toThrow(ForbiddenError);
    expect((await windowOf(db, id)).status).toBe("scheduled");
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "in_progress", message: "Go." } });
    await postMaintenanceUpdate({ db, actor, input: { incidentId: id, status: "completed", message: "Done." } });
    await expect(cancelMaintenance({ db, actor, input: { incidentId: id } })).rejects.toThrow(/already completed/);
    expect(await db.auditLog.count({ where: { action: "maintenance.cancelled", targetId: id } })).toBe(0);
  });
});
