import type { Db } from "../../lib/db/client.ts";
import { scheduleMaintenance } from "../../lib/maintenance/schedule-maintenance.ts";
import { makeComponent, makeStaff } from "./factories.ts";

/**
 * For the maintenance tests: a window "Router swap" on 2024-03-01 10:00 to 12:00 UTC (unless
 * given) over two components, API (operational) and Webhooks (degraded), scheduled by a new
 * staff member.
 */
export async function scheduleTestWindow(
  db: Db,
  window: { scheduledFor?: Date; scheduledUntil?: Date; autoStart?: boolean; autoComplete?: boolean } = {},
) {
  const actor = await makeStaff(db);
  const api = await makeComponent(db, { name: "API" });
  const webhooks = await makeComponent(db, { name: "Webhooks", status: "degraded_performance" });
  const { id } = await scheduleMaintenance({
    db,
    actor,
    input: {
      name: "Router swap",
      message: "Routers are replaced.",
      scheduledFor: window.scheduledFor ?? new Date("2024-03-01T10:00:00Z"),
      scheduledUntil: window.scheduledUntil ?? new Date("2024-03-01T12:00:00Z"),
      componentIds: [api.id, webhooks.id],
      autoStart: window.autoStart,
      autoComplete: window.autoComplete,
    },
  });
  return { db, actor, api, webhooks, id };
}
