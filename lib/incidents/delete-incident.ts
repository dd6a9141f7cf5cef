import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { syncCurrentStatuses } from "../components/record-status-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { lockIncident } from "../updates/lock-incident.ts";
import { deleteIncidentSchema } from "./schemas.ts";

/**
 * Deletes an incident, entered by mistake, with its updates, postmortem and timeline. The status
 * history its updates recorded goes too (uptime no longer counts it), and each affected
 * component takes the status its remaining history gives.
 */
export async function deleteIncident(options: { db: Db; actor: Actor; input: { incidentId: string } }): Promise<void> {
  const input = parseInput(deleteIncidentSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "incident.write");
    await lockIncident(tx, input.incidentId);
    const before = await tx.incident.findUniqueOrThrow({
      where: { id: input.incidentId },
      include: { updates: { select: { status: true, body: true, displayAt: true } } },
    });
    const recorded = await tx.componentStatusChange.findMany({
      where: { incidentId: before.id },
      select: { componentId: true },
      distinct: ["componentId"],
    });
    await tx.componentStatusChange.deleteMany({ where: { incidentId: before.id } });
    await tx.incident.delete({ where: { id: before.id } });
    // One statement, locking the components in id order as every writer of several does.
    await syncCurrentStatuses(
      tx,
      recorded.map((change) => change.componentId),
    );
    await writeAudit(tx, {
      actor: options.actor,
      action: "incident.deleted",
      targetType: "incident",
      targetId: before.id,
      before: { name: before.name, status: before.status, startedAt: before.startedAt, updates: before.updates },
    });
    await notifyPublicChange(tx, { incidentIds: [before.id], all: recorded.length > 0 });
  });
}
