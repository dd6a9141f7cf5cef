import type { Db, DbOrTx } from "../db/client.ts";
import type { ComponentStatus, Impact, IncidentStatus } from "../domain.ts";
import { type CustomerPreview, previewForCustomers } from "./preview-for-customers.ts";
import { componentStatus, impactOverride, incidentStatus } from "./schemas.ts";

/** A form's submitted fields, read leniently: a preview shows what it can while the form is half filled. */
export type PreviewRequest = {
  incidentId: string | null;
  status: string;
  impactOverride?: string;
  changes: Record<string, string>;
};

/**
 * What customers would see if the form were posted now: the page's components and open
 * incidents, and the incident's own history, through previewForCustomers. Null when the incident
 * is gone.
 */
export async function loadCustomerPreview(db: Db | DbOrTx, request: PreviewRequest): Promise<CustomerPreview | null> {
  const [components, openIncidents, incident] = await Promise.all([
    db.component.findMany({
      orderBy: [{ group: { position: "asc" } }, { position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, status: true },
    }),
    db.incident.findMany({ where: { kind: "incident", NOT: { status: "resolved" } }, select: { id: true, impact: true } }),
    request.incidentId
      ? db.incident.findUnique({
          where: { id: request.incidentId },
          select: {
            id: true,
            impactOverride: true,
            components: { select: { componentId: true } },
            updates: { select: { componentChanges: { select: { newStatus: true } } } },
            statusChanges: { select: { status: true } },
          },
        })
      : null,
  ]);
  if (request.incidentId && !incident) return null;
  const known = new Set(components.map((c) => c.id));
  const changes = Object.entries(request.changes).flatMap(([componentId, typed]) => {
    const status = componentStatus.safeParse(typed);
    return status.success && known.has(componentId) ? [{ componentId, status: status.data as ComponentStatus }] : [];
  });
  const status = incidentStatus.safeParse(request.status);
  const override = impactOverride.safeParse(request.impactOverride || null);
  return previewForCustomers({
    components,
    openIncidents: openIncidents as { id: string; impact: Impact }[],
    incident: incident
      ? {
          id: incident.id,
          impactOverride: incident.impactOverride as Impact | null,
          componentIds: incident.components.map((c) => c.componentId),
          statusesGiven: [
            ...incident.updates.flatMap((u) => u.componentChanges.map((c) => c.newStatus)),
            ...incident.statusChanges.map((c) => c.status),
          ],
        }
      : null,
    status: status.success ? (status.data as IncidentStatus) : "investigating",
    changes,
    impactOverride: override.success ? override.data : null,
  });
}
