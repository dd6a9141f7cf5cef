import type { Actor } from "../auth/actor.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import {
  type ComponentStatus,
  INCIDENT_STATUS_LABELS,
  INCIDENT_STATUSES,
  type IncidentStatus,
  MAINTENANCE_STATUSES,
} from "../domain.ts";
import { NotFoundError } from "../errors.ts";
import type { IdempotencyKey } from "../idempotency/in-transaction-once.ts";
import { createIncident } from "../incidents/create-incident.ts";
import { deleteIncident } from "../incidents/delete-incident.ts";
import { editIncident } from "../incidents/edit-incident.ts";
import { postUpdate } from "../incidents/post-update.ts";
import { editMaintenance } from "../maintenance/edit-maintenance.ts";
import { postMaintenanceUpdate } from "../maintenance/post-maintenance-update.ts";
import { scheduleMaintenance } from "../maintenance/schedule-maintenance.ts";
import { getApiIncident } from "../public-api/queries.ts";
import { incidentJson, loadPageBase } from "./serialize.ts";
import { invalidField, inWireTerms } from "./wire-fields.ts";
import type { IncidentFields } from "./wire-schemas.ts";

// Statuspage's incidents, mapped onto Upstate's incident and maintenance writes. Statuspage models
// a scheduled maintenance as an incident with `scheduled_for`; Upstate keeps them apart
// (lib/maintenance), so each request goes to the write its kind needs. Every write is a lib/
// function: nothing here decides a status, a time or a permission.

type Write = { db: Db; actor: Actor; fields: IncidentFields; idempotency?: IdempotencyKey };

/** The update's text: `body`, or `message` as older clients send it. */
const textOf = (fields: IncidentFields) => fields.body || fields.message;

const isMaintenanceStatus = (status: string | undefined) => (MAINTENANCE_STATUSES as readonly string[]).includes(status ?? "");
const isIncidentStatus = (status: string | undefined): status is (typeof INCIDENT_STATUSES)[number] =>
  (INCIDENT_STATUSES as readonly string[]).includes(status ?? "");

/** Statuspage lets a script change the status without a text; the page still shows an update. */
function defaultBody(status: IncidentStatus): string {
  return `Status: ${INCIDENT_STATUS_LABELS[status]}.`;
}

const INCIDENT_RENAMES = { message: "body", displayAt: "created_at", components: "components" };
const MAINTENANCE_RENAMES = {
  message: "body",
  componentIds: "component_ids",
  autoStart: "scheduled_auto_in_progress",
  autoComplete: "scheduled_auto_completed",
  remindBeforeMinutes: "scheduled_remind_prior",
  displayAt: "created_at",
};

/**
 * The component changes of a request: `components` (id → status), plus `component_ids` not in it,
 * which Statuspage lists as affected without a new status: they keep the status they have.
 */
async function componentChanges(db: DbOrTx, fields: IncidentFields): Promise<{ componentId: string; status: ComponentStatus }[]> {
  const changes = Object.entries(fields.components ?? {}).map(([componentId, status]) => ({ componentId, status }));
  const unchanged = (fields.component_ids ?? []).filter((componentId) => !(componentId in (fields.components ?? {})));
  if (unchanged.length === 0) return changes;
  const current = await db.component.findMany({ where: { id: { in: unchanged } }, select: { id: true, status: true } });
  const known = new Map(current.map((c) => [c.id, c.status]));
  const missing = unchanged.find((componentId) => !known.has(componentId));
  if (missing) throw invalidField("incident.component_ids", `There is no component ${missing}.`);
  return [...changes, ...unchanged.map((componentId) => ({ componentId, status: known.get(componentId)! }))];
}

const affectedIds = (fields: IncidentFields) => [
  ...new Set([...(fields.component_ids ?? []), ...Object.keys(fields.components ?? {})]),
];

/** The incident as the API returns it, with its version for optimistic updates. */
export async function readIncident(db: DbOrTx, incidentId: string) {
  const [incident, row, base] = await Promise.all([
    getApiIncident(db, incidentId),
    db.incident.findUnique({ where: { id: incidentId }, select: { version: true } }),
    loadPageBase(db),
  ]);
  if (!incident || !row) throw new NotFoundError(`There is no incident ${incidentId}.`);
  return incidentJson(incident, base, { version: row.version });
}

/** POST …/incidents: an incident, or a maintenance window when it has `scheduled_for` or a maintenance status. */
export async function createFromWire({ db, actor, fields, idempotency }: Write): Promise<{ id: string }> {
  if (!fields.name) throw invalidField("incident.name", "Give the incident a name.");
  if (fields.scheduled_for || isMaintenanceStatus(fields.status)) {
    if (!fields.scheduled_for) throw invalidField("incident.scheduled_for", "A scheduled maintenance needs scheduled_for.");
    if (!fields.scheduled_until) throw invalidField("incident.scheduled_until", "A scheduled maintenance needs scheduled_until.");
    if (fields.status && !isMaintenanceStatus(fields.status))
      throw invalidField(
        "incident.status",
        "A scheduled maintenance's status is scheduled, in_progress, verifying or completed.",
      );
    const created = await inWireTerms("incident", MAINTENANCE_RENAMES, () =>
      scheduleMaintenance({
        db,
        actor,
        idempotency,
        input: {
          name: fields.name!,
          scheduledFor: fields.scheduled_for!,
          scheduledUntil: fields.scheduled_until!,
          componentIds: affectedIds(fields),
          autoStart: fields.scheduled_auto_in_progress ?? fields.auto_transition_to_maintenance_state,
          autoComplete: fields.scheduled_auto_completed ?? fields.auto_transition_to_operational_state,
          message: textOf(fields) || defaultBody("scheduled"),
          deliverNotifications: fields.deliver_notifications,
          ...(fields.scheduled_remind_prior === false ? { remindBeforeMinutes: null } : {}),
        },
      }),
    );
    // Created already running: the window's next step, as staff would post it. A retry gets the
    // first result above and does not post again.
    if (fields.status && fields.status !== "scheduled") {
      const current = await db.incident.findUnique({ where: { id: created.id }, select: { status: true } });
      if (current?.status === "scheduled") {
        await inWireTerms("incident", MAINTENANCE_RENAMES, () =>
          postMaintenanceUpdate({
            db,
            actor,
            input: {
              incidentId: created.id,
              status: fields.status as (typeof MAINTENANCE_STATUSES)[number],
              message: textOf(fields) || defaultBody(fields.status!),
              deliverNotifications: fields.deliver_notifications,
            },
          }),
        );
      }
    }
    return created;
  }
  if (fields.status && !isIncidentStatus(fields.status))
    throw invalidField("incident.status", "An incident's status is investigating, identified, monitoring or resolved.");
  const status = fields.status ?? "investigating";
  const components = await componentChanges(db, fields);
  return inWireTerms("incident", INCIDENT_RENAMES, () =>
    createIncident({
      db,
      actor,
      idempotency,
      input: {
        name: fields.name!,
        status,
        impactOverride: fields.impact_override ?? null,
        message: textOf(fields) || defaultBody(status),
        components,
        displayAt: fields.created_at ?? (fields.backfilled === false ? undefined : fields.backfill_date),
        deliverNotifications: fields.deliver_notifications,
      },
    }),
  );
}

/**
 * PATCH/PUT …/incidents/{id}: a new name or impact edits the incident; a status, body or
 * components post an update (Statuspage's behaviour); window fields edit a maintenance.
 */
export async function updateFromWire({ db, actor, fields, incidentId }: Write & { incidentId: string }): Promise<void> {
  const current = await db.incident.findUnique({
    where: { id: incidentId },
    include: { components: { select: { componentId: true } } },
  });
  if (!current) throw new NotFoundError(`There is no incident ${incidentId}.`);
  const version = fields.version ?? current.version;
  const posts = fields.status !== undefined || Boolean(textOf(fields)) || fields.components !== undefined;

  if (current.kind === "maintenance") {
    const editsWindow =
      fields.name !== undefined ||
      fields.scheduled_for !== undefined ||
      fields.scheduled_until !== undefined ||
      fields.component_ids !== undefined ||
      fields.components !== undefined ||
      fields.scheduled_auto_in_progress !== undefined ||
      fields.scheduled_auto_completed !== undefined;
    if (fields.status && !isMaintenanceStatus(fields.status))
      throw invalidField(
        "incident.status",
        "A scheduled maintenance's status is scheduled, in_progress, verifying or completed.",
      );
    if (editsWindow) {
      await inWireTerms("incident", MAINTENANCE_RENAMES, () =>
        editMaintenance({
          db,
          actor,
          input: {
            incidentId,
            version,
            name: fields.name ?? current.name,
            scheduledFor: fields.scheduled_for ?? current.scheduledFor ?? current.startedAt,
            scheduledUntil: fields.scheduled_until ?? current.scheduledUntil ?? current.startedAt,
            componentIds:
              fields.component_ids || fields.components ? affectedIds(fields) : current.components.map((c) => c.componentId),
            autoStart: fields.scheduled_auto_in_progress ?? current.autoStart,
            autoComplete: fields.scheduled_auto_completed ?? current.autoComplete,
          },
        }),
      );
    }
    if (fields.status !== undefined || textOf(fields)) {
      const status = (fields.status ?? current.status) as (typeof MAINTENANCE_STATUSES)[number];
      await inWireTerms("incident", MAINTENANCE_RENAMES, () =>
        postMaintenanceUpdate({
          db,
          actor,
          input: {
            incidentId,
            status,
            message: textOf(fields) || defaultBody(status),
            deliverNotifications: fields.deliver_notifications,
          },
        }),
      );
    }
    return;
  }

  if (fields.status && !isIncidentStatus(fields.status))
    throw invalidField("incident.status", "An incident's status is investigating, identified, monitoring or resolved.");
  if (fields.name !== undefined || fields.impact_override !== undefined) {
    await inWireTerms("incident", INCIDENT_RENAMES, () =>
      editIncident({
        db,
        actor,
        input: {
          incidentId,
          version,
          name: fields.name ?? current.name,
          impactOverride:
            fields.impact_override === undefined
              ? (current.impactOverride as "none" | "minor" | "major" | "critical" | null)
              : fields.impact_override,
        },
      }),
    );
  }
  if (posts || fields.component_ids !== undefined) {
    const status = (fields.status ?? current.status) as (typeof INCIDENT_STATUSES)[number];
    const components = await componentChanges(db, fields);
    await inWireTerms("incident", INCIDENT_RENAMES, () =>
      postUpdate({
        db,
        actor,
        input: {
          incidentId,
          status,
          message: textOf(fields) || defaultBody(status),
          components,
          deliverNotifications: fields.deliver_notifications,
        },
      }),
    );
  }
}

/** DELETE …/incidents/{id}. */
export async function deleteFromWire({ db, actor, incidentId }: { db: Db; actor: Actor; incidentId: string }): Promise<void> {
  await deleteIncident({ db, actor, input: { incidentId } });
}
