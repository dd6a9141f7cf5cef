import { z } from "zod";
import { MAINTENANCE_STATUSES } from "../domain.ts";
import { deliverNotifications, displayAt, UPDATE_MESSAGE_MAX_LENGTH, updateMessage, version } from "../incidents/schemas.ts";
import { markdownText } from "../markdown/markdown-text.ts";
import { DATE_BOUNDS_MESSAGE, isInstantInBounds } from "../time/bounds.ts";

const id = z.string().min(1).max(40);

const windowFields = {
  name: z.string().trim().min(1, "Give the maintenance a name.").max(200, "Keep the name under 200 characters."),
  scheduledFor: z.date({ error: "Enter when it starts." }).refine(isInstantInBounds, DATE_BOUNDS_MESSAGE),
  scheduledUntil: z.date({ error: "Enter when it ends." }).refine(isInstantInBounds, DATE_BOUNDS_MESSAGE),
  componentIds: z
    .array(id)
    .max(500)
    .default([])
    .transform((ids) => [...new Set(ids)]),
  autoStart: z.boolean().default(true),
  autoComplete: z.boolean().default(true),
};
const endsAfterStart = (m: { scheduledFor: Date; scheduledUntil: Date }) => m.scheduledUntil > m.scheduledFor;
const endsAfterStartError = { path: ["scheduledUntil"], message: "The end must be after the start." };

export const scheduleMaintenanceSchema = z
  .object({
    ...windowFields,
    message: updateMessage,
    deliverNotifications,
    /** Remind subscribers this many minutes before the start; null for no reminder. */
    remindBeforeMinutes: z
      .number()
      .int()
      .min(5, "Remind at least 5 minutes before.")
      .max(10_080, "Remind at most a week before.")
      .nullable()
      .default(60),
  })
  .refine(endsAfterStart, endsAfterStartError);
export type ScheduleMaintenanceInput = z.input<typeof scheduleMaintenanceSchema>;

/** Moving the start of a scheduled window into the past is allowed: the scheduler then starts it. */
export const editMaintenanceSchema = z
  .object({ ...windowFields, incidentId: id, version, autoStart: z.boolean(), autoComplete: z.boolean() })
  .refine(endsAfterStart, endsAfterStartError);
export type EditMaintenanceInput = z.input<typeof editMaintenanceSchema>;

export const maintenanceStatus = z.enum(MAINTENANCE_STATUSES, { error: "Choose a status." });

export const postMaintenanceUpdateSchema = z.object({
  incidentId: id,
  status: maintenanceStatus,
  message: updateMessage,
  /** Back-dates the update; now when absent. */
  displayAt,
  deliverNotifications,
});
export type PostMaintenanceUpdateInput = z.input<typeof postMaintenanceUpdateSchema>;

export const cancelMaintenanceSchema = z.object({
  incidentId: id,
  message: markdownText({ what: "the message", maxLength: UPDATE_MESSAGE_MAX_LENGTH }).optional(),
  deliverNotifications,
});
export type CancelMaintenanceInput = z.input<typeof cancelMaintenanceSchema>;

export const maintenanceIdSchema = z.object({ incidentId: id });
