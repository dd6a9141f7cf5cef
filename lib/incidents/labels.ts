import { INCIDENT_STATUS_LABELS, type IncidentStatus } from "../domain.ts";

// The status words pages show. Statuspage's statuses have no "cancelled": a cancelled maintenance
// window ends as `completed`, with `cancelledAt` set and its closing update marked
// `cancelsWindow`, and is called "Cancelled" wherever the public reads it.

/** The label of an update: "Cancelled" for the update that cancelled its window. */
export function updateLabel(update: { status: IncidentStatus; cancelsWindow: boolean }): string {
  return update.cancelsWindow ? "Cancelled" : INCIDENT_STATUS_LABELS[update.status];
}

/** The label of an incident or window's current status. */
export function incidentLabel(incident: { status: IncidentStatus; cancelledAt: Date | null }): string {
  return incident.cancelledAt && incident.status === "completed" ? "Cancelled" : INCIDENT_STATUS_LABELS[incident.status];
}
