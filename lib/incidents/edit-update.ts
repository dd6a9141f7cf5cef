import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { syncCurrentStatuses } from "../components/record-status-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { ConflictError, NotFoundError, parseInput } from "../errors.ts";
import { getPageSettings } from "../page/queries.ts";
import { formatInstant } from "../time/format-instant.ts";
import { lockIncident } from "../updates/lock-incident.ts";
import { refreshIncident } from "../updates/refresh-incident.ts";
import { type EditUpdateInput, editUpdateSchema } from "./schemas.ts";

/**
 * Edits an update's text or displayed time, if nobody saved it since `version`. Moving the time
 * moves the status changes it made in the history too, and re-derives the incident's state.
 */
export async function editUpdate(options: { db: Db; actor: Actor; input: EditUpdateInput }): Promise<void> {
  const input = parseInput(editUpdateSchema, options.input);
  const { actor } = options;
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "incident.write");
    const found = await tx.incidentUpdate.findUnique({ where: { id: input.updateId }, select: { incidentId: true } });
    if (!found) throw new NotFoundError("This update no longer exists.");
    await lockIncident(tx, found.incidentId);
    const before = await tx.incidentUpdate.findUniqueOrThrow({ where: { id: input.updateId } });
    if (before.version !== input.version) {
      const last = await tx.auditLog.findFirst({
        where: { targetType: "incident_update", targetId: before.id },
        orderBy: { id: "desc" },
        select: { actorEmail: true },
      });
      const { timeZone } = await getPageSettings(tx);
      throw new ConflictError(
        `${last?.actorEmail ?? "Someone"} saved this update after you opened it. It now reads: “${before.body}”, ` +
          `shown at ${formatInstant(before.displayAt, timeZone)}. ` +
          "Your text is still in the form: save again to replace theirs.",
        before.version,
      );
    }
    const now = new Date();
    await tx.incidentUpdate.update({
      where: { id: before.id },
      data: { body: input.message, displayAt: input.displayAt, editedAt: now, version: { increment: 1 } },
    });
    const timeMoved = input.displayAt.getTime() !== before.displayAt.getTime();
    // A cancelled window was cancelled when its closing update says.
    if (timeMoved && before.cancelsWindow)
      await tx.incident.update({ where: { id: before.incidentId }, data: { cancelledAt: input.displayAt } });
    if (timeMoved) {
      const moved = await tx.componentStatusChange.findMany({
        where: { incidentUpdateId: before.id },
        select: { componentId: true },
      });
      await tx.componentStatusChange.updateMany({ where: { incidentUpdateId: before.id }, data: { at: input.displayAt } });
      // One statement, locking the components in id order as every writer of several does.
      await syncCurrentStatuses(
        tx,
        moved.map((change) => change.componentId),
      );
    }
    await refreshIncident(tx, before.incidentId);
    await writeAudit(tx, {
      actor,
      action: "incident.update_edited",
      targetType: "incident_update",
      targetId: before.id,
      before: { body: before.body, displayAt: before.displayAt },
      after: { body: input.message, displayAt: input.displayAt },
    });
    await notifyPublicChange(tx, { incidentIds: [before.incidentId], all: timeMoved });
  });
}
