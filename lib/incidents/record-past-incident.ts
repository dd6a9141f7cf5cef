import { writeAudit } from "../audit/write-audit.ts";
import { type Actor, staffIdOf } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { lockComponents, recordedStatusAt, recordStatusChange } from "../components/record-status-change.ts";
import type { Db } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { refreshIncident } from "../updates/refresh-incident.ts";
import { type RecordPastIncidentInput, recordPastIncidentSchema } from "./schemas.ts";

/**
 * Enters an incident after it ended, as the reference incident was published: one `resolved`
 * update shown at its own time, and the real impact window in the components' history. Each
 * affected component has the given status from `startedAt` and, from `resolvedAt`, the status its
 * history already gave it then (normally operational), so uptime follows the real instants. The
 * update lists each component going from its impact status to that one.
 */
export async function recordPastIncident(options: {
  db: Db;
  actor: Actor;
  input: RecordPastIncidentInput;
  /** Makes a retry of the same submission return the first result instead of writing again. */
  idempotency?: IdempotencyKey;
}): Promise<{ id: string }> {
  const input = parseInput(recordPastIncidentSchema, options.input);
  const { actor } = options;
  const displayAt = input.displayAt ?? input.resolvedAt;
  return inTransactionOnce(
    options.db,
    { idempotency: options.idempotency, operation: "incident.record_past", input },
    async (tx) => {
      await authorize(tx, options.actor, "incident.write");
      const ids = input.components.map((c) => c.componentId);
      // Locked before any is changed, in the order every writer of several components uses.
      const known = await lockComponents(tx, ids);
      const names = new Map(known.map((c) => [c.id, c.name]));
      if (ids.some((id) => !names.has(id)))
        throw new InvalidError("A component was deleted meanwhile: reload the page.", { components: "Unknown component." });

      const incident = await tx.incident.create({
        data: {
          kind: "incident",
          name: input.name,
          status: "resolved",
          impactOverride: input.impactOverride,
          startedAt: input.startedAt,
          resolvedAt: input.resolvedAt,
          startedAtOverride: input.startedAt,
          resolvedAtOverride: input.resolvedAt,
          createdById: staffIdOf(actor),
          components: { create: ids.map((componentId) => ({ componentId })) },
        },
      });
      // What each component was before and after the window, read before the window is written.
      const changes = [];
      for (const c of input.components) {
        // By the history alone: operational before a component's first change, not its status now.
        const before = (await recordedStatusAt(tx, c.componentId, new Date(input.startedAt.getTime() - 1))) ?? "operational";
        const after = (await recordedStatusAt(tx, c.componentId, input.resolvedAt)) ?? "operational";
        changes.push({ componentId: c.componentId, componentName: names.get(c.componentId)!, during: c.status, before, after });
      }
      await tx.incidentUpdate.create({
        data: {
          incidentId: incident.id,
          status: "resolved",
          body: input.message,
          displayAt,
          authorId: staffIdOf(actor),
          componentChanges: {
            create: changes.map((c) => ({
              componentId: c.componentId,
              componentName: c.componentName,
              oldStatus: c.during,
              newStatus: c.after,
            })),
          },
        },
      });
      // Tied to the incident, not to the update: editing the update's time must not move the window.
      const link = { source: "incident" as const, incidentId: incident.id };
      for (const c of changes) {
        if (c.during !== c.before)
          await recordStatusChange(tx, { componentId: c.componentId, status: c.during, at: input.startedAt, ...link });
        if (c.during !== c.after)
          await recordStatusChange(tx, { componentId: c.componentId, status: c.after, at: input.resolvedAt, ...link });
      }
      await refreshIncident(tx, incident.id);
      await writeAudit(tx, {
        actor,
        action: "incident.recorded_past",
        targetType: "incident",
        targetId: incident.id,
        after: {
          name: input.name,
          impactOverride: input.impactOverride,
          startedAt: input.startedAt,
          resolvedAt: input.resolvedAt,
          displayAt,
          changes,
        },
      });
      // Uptime bars and history show on every public page.
      await notifyPublicChange(tx, { incidentIds: [incident.id], all: true });
      return { id: incident.id };
    },
  );
}
