import type { Actor, SystemActor } from "../../auth/actor.ts";
import { applyComponentStatus } from "../../components/core/apply-component-status.ts";
import { worstComponentStatus } from "../../components/worst-status.ts";
import type { DbOrTx } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { ComponentStatus } from "../../domain.ts";
import { enqueue, QUEUES } from "../../jobs/queue.ts";
import { type Labels, labelsMatch, storedMatchers } from "../matchers.ts";

// The alert state machine of one component, run inside a transaction that holds the component's
// ComponentAlertState row locked, so two webhooks (or a webhook and a release job, on any
// instance) take turns and each change is made once:
// - a matching alert fires: the worst status of the mappings that fire is set (unless staff
//   changed the status since alerts last set it: then staff win until every alert resolves);
// - every alert resolved: back to operational, but not before `holdSeconds` since the alerts set
//   the status (a job comes back then); a status staff changed meanwhile is left as it is.

/** The labels of the alerts firing now (of every source); read after the lock, so never stale. */
async function firingLabels(tx: DbOrTx): Promise<Labels[]> {
  const rows = await tx.receivedAlert.findMany({ where: { resolvedAt: null }, select: { labels: true } });
  return rows.map((row) => (row.labels ?? {}) as Labels);
}

type State = {
  componentId: string;
  appliedStatus: ComponentStatus | null;
  appliedAt: Date | null;
  appliedChangeId: number | null;
  holdSeconds: number;
  releaseAt: Date | null;
  overriddenAt: Date | null;
  incidentRequestedAt: Date | null;
};

const CLEARED = {
  appliedStatus: null,
  appliedAt: null,
  appliedChangeId: null,
  holdSeconds: 0,
  releaseAt: null,
  overriddenAt: null,
  incidentRequestedAt: null,
  incidentId: null,
} as const;

/** Locks (creating it when missing) the alert state row of a component; null when the component is gone. */
async function lockState(tx: DbOrTx, componentId: string): Promise<State | null> {
  await tx.$executeRaw`
    INSERT INTO "ComponentAlertState" ("componentId", "updatedAt")
    SELECT id, now() FROM "Component" WHERE id = ${componentId}
    ON CONFLICT ("componentId") DO NOTHING`;
  const rows = await tx.$queryRaw<State[]>`
    SELECT "componentId", "appliedStatus"::text AS "appliedStatus", "appliedAt", "appliedChangeId", "holdSeconds",
           "releaseAt", "overriddenAt", "incidentRequestedAt"
    FROM "ComponentAlertState" WHERE "componentId" = ${componentId} FOR UPDATE`;
  return rows[0] ?? null;
}

async function newestChange(tx: DbOrTx, componentId: string): Promise<{ id: number; at: Date } | null> {
  return tx.componentStatusChange.findFirst({ where: { componentId }, orderBy: { id: "desc" }, select: { id: true, at: true } });
}

/** Whether anyone but the alerts changed the component's status since they last set it. */
async function changedSinceApplied(tx: DbOrTx, state: State): Promise<boolean> {
  if (state.appliedChangeId === null) return false;
  const later = await tx.componentStatusChange.findFirst({
    where: { componentId: state.componentId, id: { gt: state.appliedChangeId } },
    select: { id: true },
  });
  return later !== null;
}

export type Evaluation = "unchanged" | "set" | "overridden" | "held" | "released" | "left-to-staff";

/**
 * Brings one component in line with the alerts firing now. `actor` is whoever the change is
 * written as: the API key that sent the webhook, Upstate's "alerts" system actor for a release
 * after the hold, or the admin whose mapping change it follows.
 */
export async function evaluateComponent(
  tx: DbOrTx,
  options: {
    componentId: string;
    actor: Actor | SystemActor;
    now?: Date;
    /** A release job that finds the hold not yet over (clocks differ) queues itself again. */
    requeueHold?: boolean;
  },
): Promise<Evaluation> {
  const now = options.now ?? new Date();
  const { componentId } = options;
  const state = await lockState(tx, componentId);
  if (!state) return "unchanged";
  const component = await tx.component.findUniqueOrThrow({ where: { id: componentId }, select: { status: true } });
  const mappings = await tx.alertMapping.findMany({ where: { componentId }, orderBy: { createdAt: "asc" } });
  const firing = mappings.length > 0 ? await firingLabels(tx) : [];
  const firingMappings = mappings.filter((mapping) => {
    const matchers = storedMatchers(mapping.matchers);
    return firing.some((labels) => labelsMatch(matchers, labels));
  });
  const update = (data: Prisma.ComponentAlertStateUpdateInput) => tx.componentAlertState.update({ where: { componentId }, data });

  if (firingMappings.length > 0) {
    const wanted = worstComponentStatus(firingMappings.map((mapping) => mapping.status));
    const holdSeconds = Math.max(...firingMappings.map((mapping) => mapping.minHoldSeconds));
    const withTemplate = firingMappings.find((mapping) => mapping.templateId);
    if (withTemplate && !state.incidentRequestedAt) {
      await update({ incidentRequestedAt: now });
      await enqueue(tx, QUEUES.alertIncident, {
        componentId,
        mappingId: withTemplate.id,
        spell: now.toISOString(),
      });
    }
    if (state.overriddenAt) {
      if (state.releaseAt) await update({ releaseAt: null });
      return "overridden";
    }
    if (await changedSinceApplied(tx, state)) {
      await update({ overriddenAt: now, releaseAt: null });
      return "overridden";
    }
    if (component.status !== wanted) {
      await applyComponentStatus(tx, {
        actor: options.actor,
        input: { componentId, status: wanted, deliverNotifications: true },
      });
      // The hold counts from the instant the history records for this change.
      const change = await newestChange(tx, componentId);
      await update({
        appliedStatus: wanted,
        appliedAt: change?.at ?? now,
        appliedChangeId: change?.id ?? 0,
        holdSeconds,
        releaseAt: null,
      });
      return "set";
    }
    // Already so: the alerts take charge of it from here (or stay in charge, hold refreshed).
    await update({
      appliedStatus: wanted,
      appliedAt: state.appliedStatus === wanted ? state.appliedAt : now,
      appliedChangeId: state.appliedChangeId ?? (await newestChange(tx, componentId))?.id ?? 0,
      holdSeconds: Math.max(holdSeconds, state.appliedStatus ? state.holdSeconds : 0),
      releaseAt: null,
    });
    return "unchanged";
  }

  // Nothing fires for this component.
  if (!state.appliedStatus && !state.overriddenAt) {
    if (state.incidentRequestedAt) await update(CLEARED);
    return "unchanged";
  }
  if (state.overriddenAt || (await changedSinceApplied(tx, state))) {
    await update(CLEARED);
    return "left-to-staff";
  }
  const releaseAt = new Date((state.appliedAt ?? now).getTime() + state.holdSeconds * 1000);
  if (releaseAt.getTime() > now.getTime()) {
    if (options.requeueHold || state.releaseAt?.getTime() !== releaseAt.getTime()) {
      await update({ releaseAt });
      await enqueue(tx, QUEUES.alertRelease, { componentId, releaseAt: releaseAt.toISOString() }, { startAfter: releaseAt });
    }
    return "held";
  }
  if (component.status === state.appliedStatus) {
    await applyComponentStatus(tx, {
      actor: options.actor,
      input: { componentId, status: "operational", deliverNotifications: true },
    });
  }
  await update(CLEARED);
  return "released";
}
