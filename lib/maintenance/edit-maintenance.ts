import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { INCIDENT_STATUS_LABELS } from "../domain.ts";
import { ConflictError, InvalidError, parseInput } from "../errors.ts";
import { refreshIncident } from "../updates/refresh-incident.ts";
import { assertComponentsExist } from "./assert-components-exist.ts";
import { type EditMaintenanceInput, editMaintenanceSchema } from "./schemas.ts";
import { changeRunningComponents, lockWindow } from "./window-steps.ts";

/**
 * Edits a scheduled or running window (name, window, components, automatic flags), if nobody
 * changed it since `version` (the scheduler starting it counts). A start moved into the past
 * lets the scheduler start it; components joining a running window go under maintenance now
 * and those leaving it return to their status from before. Its updates are edited one by one
 * (lib/incidents/edit-update.ts).
 */
export async function editMaintenance(options: { db: Db; actor: Actor; input: EditMaintenanceInput }): Promise<void> {
  const input = parseInput(editMaintenanceSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    const actor = await authorize(tx, options.actor, "maintenance.write");
    const before = await lockWindow(tx, input.incidentId);
    if (before.version !== input.version) {
      throw new ConflictError(
        `This maintenance changed after you opened it (it is now “${before.name}”, ${INCIDENT_STATUS_LABELS[before.status]}). ` +
          "Your edits are still in the form: check them and save again to apply them over it.",
        before.version,
      );
    }
    if (before.status === "completed") {
      throw new InvalidError("A completed maintenance can no longer be edited; the text of its updates still can.");
    }
    await assertComponentsExist(tx, input.componentIds);
    const wanted = new Set(input.componentIds);
    const had = new Set(before.components.map((c) => c.componentId));
    const joining = input.componentIds.filter((componentId) => !had.has(componentId));
    const leaving = before.components.filter((c) => !wanted.has(c.componentId));
    await tx.incident.update({
      where: { id: before.id },
      data: {
        name: input.name,
        startedAt: input.scheduledFor,
        scheduledFor: input.scheduledFor,
        scheduledUntil: input.scheduledUntil,
        autoStart: input.autoStart,
        autoComplete: input.autoComplete,
        // A window that moved is reminded of again, before its new start.
        ...(before.scheduledFor?.getTime() !== input.scheduledFor.getTime() ? { remindedAt: null } : {}),
        components: { create: joining.map((componentId) => ({ componentId })) },
      },
    });
    const changes =
      before.status === "scheduled"
        ? []
        : await changeRunningComponents(tx, { incidentId: before.id, joining, leaving, at: new Date() });
    await tx.incidentComponent.deleteMany({
      where: { incidentId: before.id, componentId: { in: leaving.map((c) => c.componentId) } },
    });
    await refreshIncident(tx, before.id);
    const window = (m: typeof input | typeof before, componentIds: string[]) => ({
      name: m.name,
      scheduledFor: m.scheduledFor,
      scheduledUntil: m.scheduledUntil,
      autoStart: m.autoStart,
      autoComplete: m.autoComplete,
      componentIds,
    });
    await writeAudit(tx, {
      actor,
      action: "maintenance.edited",
      targetType: "incident",
      targetId: before.id,
      before: window(before, [...had]),
      after: { ...window(input, input.componentIds), changes },
    });
    await notifyPublicChange(tx, { incidentIds: [before.id], all: true });
  });
}
