import { systemActor } from "../auth/actor.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { createIncident } from "../incidents/create-incident.ts";

export type OpenIncidentJob = { componentId: string; mappingId: string; spell: string };

/**
 * The job queued when a firing alert's mapping has a template: opens one incident from it for
 * this firing spell (even if the alert resolved meanwhile: it did fire), affecting the component
 * at the status it has, and records it as opened by an alert. A retry (the process died after the
 * incident committed) gets the same incident back through its idempotency key, so a spell opens
 * exactly one.
 */
export async function openAlertIncident(db: Db, job: OpenIncidentJob): Promise<{ incidentId: string } | null> {
  const mapping = await db.alertMapping.findUnique({
    where: { id: job.mappingId },
    include: { template: true, component: { select: { name: true, status: true } } },
  });
  if (!mapping?.template) return null;
  const { template, component } = mapping;
  const status = template.status === "identified" || template.status === "monitoring" ? template.status : "investigating";
  const { id } = await createIncident({
    db,
    actor: systemActor("alerts"),
    input: {
      name: template.title ?? `${component.name}: ${mapping.name}`,
      status,
      message: template.body,
      components: [{ componentId: job.componentId, status: component.status }],
    },
    idempotency: { scope: `alerts:${job.componentId}`, key: `incident:${job.spell}` },
  });
  await inTransaction(db, async (tx) => {
    await tx.alertIncident.upsert({
      where: { incidentId: id },
      create: { incidentId: id, mappingId: mapping.id, componentId: job.componentId },
      update: {},
    });
    await tx.componentAlertState.updateMany({
      where: { componentId: job.componentId, incidentRequestedAt: new Date(job.spell) },
      data: { incidentId: id },
    });
  });
  return { incidentId: id };
}
