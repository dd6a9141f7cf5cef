import { computeOverallStatus, type OverallStatus } from "../components/overall-status.ts";
import type { ComponentStatus, Impact, IncidentStatus } from "../domain.ts";
import { deriveImpact } from "./derive.ts";

export type CustomerPreviewInput = {
  /** Every component and its status now. */
  components: readonly { id: string; name: string; status: ComponentStatus }[];
  /** The open incidents now (not resolved), with their impact; the one being updated among them or not. */
  openIncidents: readonly { id: string; impact: Impact }[];
  /** The incident being updated (null for a new one): statuses it gave components so far and its override. */
  incident: {
    id: string;
    statusesGiven: readonly ComponentStatus[];
    impactOverride: Impact | null;
    /** The components it affects. */
    componentIds: readonly string[];
  } | null;
  /** What the form would post. */
  status: IncidentStatus;
  changes: readonly { componentId: string; status: ComponentStatus }[];
  /** A new incident's impact override, from its form (the update form has none). */
  impactOverride?: Impact | null;
};

export type CustomerPreview = {
  /** The public page's banner before and after posting. */
  bannerNow: OverallStatus;
  banner: OverallStatus;
  /** The banner the components alone would give after posting (no open incident's impact). */
  componentsOnly: OverallStatus;
  /** This incident's impact after posting. */
  impact: Impact;
  /** The components whose status the update changes, in page order. */
  changes: { id: string; name: string; from: ComponentStatus; to: ComponentStatus }[];
  /**
   * True when this incident's impact alone keeps the banner worse than its components once they
   * are back (every component it affects Operational, or the update says Monitoring): a Monitoring
   * update with every component back to Operational would still read "Partial System Outage".
   */
  impactHoldsBanner: boolean;
};

/**
 * What customers will see once the form is posted, computed with the public page's own rules
 * (lib/components/overall-status.ts for the banner, lib/incidents/derive.ts for the impact).
 */
export function previewForCustomers(input: CustomerPreviewInput): CustomerPreview {
  const next = new Map(input.changes.map((c) => [c.componentId, c.status]));
  const statusesAfter = input.components.map((c) => next.get(c.id) ?? c.status);
  const override = input.incident ? input.incident.impactOverride : (input.impactOverride ?? null);
  const impact = deriveImpact({
    kind: "incident",
    statusesGiven: [...(input.incident?.statusesGiven ?? []), ...input.changes.map((c) => c.status)],
    override,
  });
  const selfId = input.incident?.id ?? null;
  const others = input.openIncidents.filter((i) => i.id !== selfId).map((i) => i.impact);
  const stillOpen = input.status !== "resolved";
  const bannerNow = computeOverallStatus({
    componentStatuses: input.components.map((c) => c.status),
    openIncidentImpacts: input.openIncidents.map((i) => i.impact),
  });
  const banner = computeOverallStatus({
    componentStatuses: statusesAfter,
    openIncidentImpacts: stillOpen ? [...others, impact] : others,
  });
  const affected = new Set([...(input.incident?.componentIds ?? []), ...input.changes.map((c) => c.componentId)]);
  const recovered =
    affected.size > 0 && input.components.every((c, i) => !affected.has(c.id) || statusesAfter[i] === "operational");
  const withoutThis = computeOverallStatus({ componentStatuses: statusesAfter, openIncidentImpacts: others });
  return {
    bannerNow,
    banner,
    componentsOnly: computeOverallStatus({ componentStatuses: statusesAfter, openIncidentImpacts: [] }),
    impact,
    changes: input.components.flatMap((c) => {
      const to = next.get(c.id);
      return to && to !== c.status ? [{ id: c.id, name: c.name, from: c.status, to }] : [];
    }),
    impactHoldsBanner: stillOpen && banner.indicator !== withoutThis.indicator && (input.status === "monitoring" || recovered),
  };
}
