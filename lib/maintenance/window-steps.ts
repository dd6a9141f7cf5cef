import type { Actor, SystemActor } from "../auth/actor.ts";
import { lockComponents, recordStatusChange, statusAt } from "../components/record-status-change.ts";
import type { DbOrTx } from "../db/client.ts";
import type { ComponentStatus } from "../domain.ts";
import { InvalidError, NotFoundError } from "../errors.ts";
import { addUpdate } from "../updates/add-update.ts";
import { lockIncident } from "../updates/lock-incident.ts";

// The steps a maintenance window goes through, shared by the scheduler (advance-maintenance.ts)
// and by staff (post-maintenance-update.ts, edit-maintenance.ts, cancel-maintenance.ts), so that
// a window started or completed by hand reads in the status history exactly like one the
// scheduler moved. All of them run inside the caller's transaction, with the window locked.

export type MaintenanceStatus = "scheduled" | "in_progress" | "verifying" | "completed";
type AffectedComponent = { componentId: string; statusBefore: ComponentStatus | null };
type Window = { id: string; components: AffectedComponent[] };

/**
 * Locks a maintenance window's row until the transaction ends (see lockIncident) and reads it
 * with its components; NotFoundError when it is gone or is an incident.
 */
export async function lockWindow(tx: DbOrTx, incidentId: string) {
  await lockIncident(tx, incidentId);
  const window = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { components: true } });
  if (window.kind !== "maintenance") throw new NotFoundError("This maintenance no longer exists.");
  return window;
}

/** The instant of a window's newest update, or null when it has none. */
export async function newestUpdateAt(tx: DbOrTx, incidentId: string): Promise<Date | null> {
  const newest = await tx.incidentUpdate.findFirst({
    where: { incidentId },
    orderBy: { displayAt: "desc" },
    select: { displayAt: true },
  });
  return newest?.displayAt ?? null;
}

/**
 * When a step happens: `wanted` (the scheduled instant, or now), but never before the window's
 * newest update. A window's status is that of its newest update, so a start or completion shown
 * earlier would not take effect (and the scheduler would try it again at every tick).
 */
export async function stepInstant(tx: DbOrTx, incidentId: string, wanted: Date): Promise<Date> {
  const newest = await newestUpdateAt(tx, incidentId);
  return newest && newest > wanted ? newest : wanted;
}

/** Refuses a step that staff back-dated to before the window's newest update (see stepInstant). */
export async function assertStepNotBeforeNewest(tx: DbOrTx, incidentId: string, at: Date): Promise<void> {
  const newest = await newestUpdateAt(tx, incidentId);
  if (newest && at < newest) {
    throw new InvalidError("Some fields need attention.", {
      displayAt: "A change of status must be shown after the latest update. Leave the time empty for now.",
    });
  }
}

/**
 * Puts the window's components under maintenance with an update of `status`, remembering each
 * one's previous status to restore at the end (a component already under maintenance, because of
 * another window, keeps the one remembered there).
 */
export async function startWindow(
  tx: DbOrTx,
  options: {
    actor: Actor | SystemActor | null;
    window: Window;
    status: "in_progress" | "verifying";
    body: string;
    at: Date;
    deliverNotifications?: boolean;
  },
) {
  const { window } = options;
  const { update, changes } = await addUpdate(tx, {
    actor: options.actor,
    incidentId: window.id,
    status: options.status,
    body: options.body,
    displayAt: options.at,
    components: window.components.map((c) => ({ componentId: c.componentId, status: "under_maintenance" as const })),
    source: "maintenance",
    deliverNotifications: options.deliverNotifications,
  });
  await rememberStatusBefore(tx, window.id, changes);
  return { update, changes };
}

/**
 * Completes the window with a `completed` update: each component it put under maintenance, and
 * still under maintenance at `at`, returns to its status from before (one someone changed during
 * the window stays as they set it). Cancelling a window is this step with its own message.
 */
export async function completeWindow(
  tx: DbOrTx,
  options: {
    actor: Actor | SystemActor | null;
    window: Window;
    body: string;
    at: Date;
    cancels?: boolean;
    deliverNotifications?: boolean;
  },
) {
  // Locked before what to restore is read from their statuses, not only once the update writes them.
  await lockComponents(
    tx,
    options.window.components.map((c) => c.componentId),
  );
  const { update, changes } = await addUpdate(tx, {
    actor: options.actor,
    incidentId: options.window.id,
    status: "completed",
    body: options.body,
    displayAt: options.at,
    components: await restorable(tx, options.window.components, options.at),
    source: "maintenance",
    cancelsWindow: options.cancels,
    deliverNotifications: options.deliverNotifications,
  });
  return { update, changes };
}

/**
 * Components joining or leaving a window that is already running, without an update: joining
 * ones go under maintenance at `at`, leaving ones return to their status from before.
 */
export async function changeRunningComponents(
  tx: DbOrTx,
  options: { incidentId: string; joining: string[]; leaving: AffectedComponent[]; at: Date },
) {
  const { incidentId, at } = options;
  const record = (componentId: string, status: ComponentStatus) =>
    recordStatusChange(tx, { componentId, status, at, source: "maintenance", incidentId });
  await lockComponents(tx, [...options.joining, ...options.leaving.map((c) => c.componentId)]);
  const changes: { componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus }[] = [];
  for (const componentId of options.joining) {
    const oldStatus = (await statusAt(tx, componentId, at)) ?? "operational";
    if (oldStatus === "under_maintenance") continue;
    await record(componentId, "under_maintenance");
    changes.push({ componentId, oldStatus, newStatus: "under_maintenance" });
  }
  await rememberStatusBefore(tx, incidentId, changes);
  for (const { componentId, status } of await restorable(tx, options.leaving, at)) {
    await record(componentId, status);
    changes.push({ componentId, oldStatus: "under_maintenance", newStatus: status });
  }
  return changes;
}

async function restorable(tx: DbOrTx, components: AffectedComponent[], at: Date) {
  const restore: { componentId: string; status: ComponentStatus }[] = [];
  for (const c of components) {
    if (c.statusBefore && (await statusAt(tx, c.componentId, at)) === "under_maintenance") {
      restore.push({ componentId: c.componentId, status: c.statusBefore });
    }
  }
  return restore;
}

async function rememberStatusBefore(
  tx: DbOrTx,
  incidentId: string,
  changes: { componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus }[],
) {
  for (const c of changes.filter((change) => change.oldStatus !== change.newStatus)) {
    await tx.incidentComponent.update({
      where: { incidentId_componentId: { incidentId, componentId: c.componentId } },
      data: { statusBefore: c.oldStatus },
    });
  }
}
