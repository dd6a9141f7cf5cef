import type { DbOrTx } from "../db/client.ts";
import { deriveImpact, deriveIncidentState } from "../incidents/derive.ts";
import { isReadableInstant } from "../time/bounds.ts";

/**
 * Re-derives an incident's stored state from its updates, inside the write's transaction: status
 * from the newest update by displayed time, the first instants it was identified / monitoring /
 * resolved, its start (the earliest update) and its impact from the statuses it gave components
 * (through its updates or, for one entered after the fact, its recorded impact) unless staff
 * overrode it. Real start/resolve instants entered after the fact win over the derived ones.
 * Bumps the version, so stale forms see a conflict.
 */
export async function refreshIncident(tx: DbOrTx, incidentId: string): Promise<void> {
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: {
      updates: { include: { componentChanges: { select: { newStatus: true } } } },
      statusChanges: { select: { status: true } },
    },
  });
  // An update whose displayed time was stored out of bounds before dates were checked reads back
  // as Invalid Date: it cannot order anything, so it derives nothing (the pages show a placeholder
  // for it), and updates posted after it still count.
  const updates = incident.updates.filter((u) => isReadableInstant(u.displayAt, `Update ${u.id}`));
  const state = deriveIncidentState(updates);
  const earliest = updates.reduce<Date | null>((min, u) => (!min || u.displayAt < min ? u.displayAt : min), null);
  await tx.incident.update({
    where: { id: incidentId },
    data: {
      status: state.status ?? incident.status,
      identifiedAt: state.identifiedAt,
      monitoringAt: state.monitoringAt,
      resolvedAt: state.resolvedAt && (incident.resolvedAtOverride ?? state.resolvedAt),
      // Reopening ends what was entered after the fact: the next resolve sets the instant.
      ...(state.resolvedAt ? {} : { resolvedAtOverride: null }),
      startedAt: incident.startedAtOverride ?? (incident.kind === "incident" && earliest ? earliest : incident.startedAt),
      impact: deriveImpact({
        kind: incident.kind,
        statusesGiven: [
          ...updates.flatMap((u) => u.componentChanges.map((c) => c.newStatus)),
          ...incident.statusChanges.map((c) => c.status),
        ],
        override: incident.impactOverride,
      }),
      version: { increment: 1 },
    },
  });
}
