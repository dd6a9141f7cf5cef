import { INCIDENT_STATUS_LABELS, type IncidentStatus } from "@/lib/domain.ts";

/** A cancelled window is stored as completed (see lib/maintenance/cancel-maintenance.ts); staff see which. */
export function maintenanceStatusLabel(window: { status: IncidentStatus; cancelled: boolean }): string {
  return window.cancelled ? "Cancelled" : INCIDENT_STATUS_LABELS[window.status];
}
