import { type Actor, type SystemActor, staffIdOf } from "../auth/actor.ts";
import { lockComponents, recordStatusChange, statusAt } from "../components/record-status-change.ts";
import type { DbOrTx } from "../db/client.ts";
import type { ComponentStatus, IncidentStatus } from "../domain.ts";
import { InvalidError } from "../errors.ts";
import { queueNotification } from "../notifications/queue-notification.ts";

/**
 * Writes one update inside the caller's transaction and applies its component status changes:
 * each is recorded in the status history at the update's displayed instant (so back-dated
 * updates put uptime where it really was) and the component joins the incident's affected ones.
 * A component given the status it already had at that instant (another incident put it there)
 * is listed on the update, and counts for the incident's impact, but adds nothing to the history.
 */
export async function addUpdate(
  tx: DbOrTx,
  options: {
    /** Null when the scheduler acts on its own. */
    actor: Actor | SystemActor | null;
    incidentId: string;
    status: IncidentStatus;
    body: string;
    displayAt: Date;
    components: { componentId: string; status: ComponentStatus }[];
    /** Maintenance windows record their changes as such. */
    source?: "incident" | "maintenance";
    /** The update that cancels a maintenance window (lib/incidents/labels.ts). */
    cancelsWindow?: boolean;
    /** Tell subscribers (Statuspage's `deliver_notifications`); on unless staff untick it. */
    deliverNotifications?: boolean;
  },
) {
  const { incidentId, displayAt } = options;
  const ids = options.components.map((c) => c.componentId);
  // Locked before any is changed, in the order every writer of several components uses.
  const known = await lockComponents(tx, ids);
  const names = new Map(known.map((c) => [c.id, c.name]));
  const missing = ids.filter((id) => !names.has(id));
  if (missing.length)
    throw new InvalidError("A component was deleted meanwhile: reload the page.", { components: "Unknown component." });

  const changes: { componentId: string; componentName: string; oldStatus: ComponentStatus; newStatus: ComponentStatus }[] = [];
  for (const c of options.components) {
    const before = (await statusAt(tx, c.componentId, displayAt)) ?? "operational";
    changes.push({
      componentId: c.componentId,
      componentName: names.get(c.componentId)!,
      oldStatus: before,
      newStatus: c.status,
    });
  }
  const update = await tx.incidentUpdate.create({
    data: {
      incidentId,
      status: options.status,
      body: options.body,
      displayAt,
      cancelsWindow: options.cancelsWindow ?? false,
      deliverNotifications: options.deliverNotifications ?? true,
      authorId: staffIdOf(options.actor),
      componentChanges: { create: changes },
    },
  });
  for (const c of changes.filter((change) => change.oldStatus !== change.newStatus)) {
    await recordStatusChange(tx, {
      componentId: c.componentId,
      status: c.newStatus,
      at: displayAt,
      source: options.source ?? "incident",
      incidentId,
      incidentUpdateId: update.id,
    });
  }
  for (const componentId of ids) {
    await tx.incidentComponent.upsert({
      where: { incidentId_componentId: { incidentId, componentId } },
      create: { incidentId, componentId },
      update: {},
    });
  }
  if (update.deliverNotifications) await queueNotification(tx, { kind: "incident", incidentId, updateId: update.id });
  return { update, changes };
}
