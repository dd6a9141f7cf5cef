import { z } from "zod";
import { COMPONENT_STATUSES, INCIDENT_STATUSES } from "../domain.ts";
import { markdownText } from "../markdown/markdown-text.ts";
import { DATE_BOUNDS_MESSAGE, isInstantInBounds } from "../time/bounds.ts";

// Inputs of the incident write functions. Times arrive as instants: forms turn the wall time a
// staff member typed in the page's time zone into one (lib/time/wall-time.ts) before calling.

/** Back-dating is allowed; a time more than this far ahead of now is a typo. */
const FUTURE_SLACK_MS = 5 * 60_000;

export const incidentName = z
  .string({ error: "Give the incident a name." })
  .trim()
  .min(1, "Give the incident a name.")
  .max(200, "Keep the name under 200 characters.");
export const UPDATE_MESSAGE_MAX_LENGTH = 20_000;
export const updateMessage = markdownText({
  what: "the message",
  maxLength: UPDATE_MESSAGE_MAX_LENGTH,
  emptyMessage: "Write a message for the public.",
});
export const incidentStatus = z.enum(INCIDENT_STATUSES, { error: "Choose a status." });
export const impactOverride = z.enum(["none", "minor", "major", "critical"], { error: "Choose an impact." }).nullable();
const notInFuture = z
  .date({ error: "Enter a date and time." })
  .refine(isInstantInBounds, DATE_BOUNDS_MESSAGE)
  .refine((d) => d.getTime() <= Date.now() + FUTURE_SLACK_MS, "The time cannot be in the future.");
export const displayAt = notInFuture.optional();
const id = z.string().min(1).max(40);
/** Statuspage's `deliver_notifications`: tell subscribers about this update (the default). */
export const deliverNotifications = z.boolean().default(true);
export const version = z.number({ error: "Reload the page: the form is missing its version." }).int().nonnegative();

export const componentStatus = z.enum(COMPONENT_STATUSES, { error: "Choose a component status." });
export const componentChanges = z
  .array(z.object({ componentId: id, status: componentStatus }))
  .max(500)
  .refine((list) => new Set(list.map((c) => c.componentId)).size === list.length, "Each component may change once per update.")
  .default([]);

export const createIncidentSchema = z.object({
  name: incidentName,
  status: incidentStatus,
  impactOverride: impactOverride.default(null),
  message: updateMessage,
  components: componentChanges,
  /** When it started, which is when the first update is shown; now when absent. */
  displayAt,
  deliverNotifications,
});
export type CreateIncidentInput = z.input<typeof createIncidentSchema>;

export const postUpdateSchema = z.object({
  incidentId: id,
  status: incidentStatus,
  message: updateMessage,
  components: componentChanges,
  displayAt,
  deliverNotifications,
});
export type PostUpdateInput = z.input<typeof postUpdateSchema>;

export const editUpdateSchema = z.object({ updateId: id, version, message: updateMessage, displayAt: notInFuture });
export type EditUpdateInput = z.input<typeof editUpdateSchema>;

export const editIncidentSchema = z.object({ incidentId: id, version, name: incidentName, impactOverride });
export type EditIncidentInput = z.input<typeof editIncidentSchema>;

export const resolveIncidentSchema = z.object({
  incidentId: id,
  message: updateMessage,
  displayAt,
  /** Affected components to leave as they are; the others return to operational. */
  keepComponentIds: z.array(id).default([]),
  deliverNotifications,
});
export type ResolveIncidentInput = z.input<typeof resolveIncidentSchema>;

export const deleteIncidentSchema = z.object({ incidentId: id });

/** An incident entered after it ended: its real impact window and the one update that tells it. */
export const recordPastIncidentSchema = z
  .object({
    name: incidentName,
    impactOverride: impactOverride.default(null),
    message: updateMessage,
    /** The status each affected component had during the impact; they return to what they had after. */
    components: componentChanges,
    startedAt: notInFuture,
    resolvedAt: notInFuture,
    /** When the resolved update is shown; the end of the impact when absent. */
    displayAt,
  })
  .refine((input) => input.resolvedAt > input.startedAt, {
    path: ["resolvedAt"],
    message: "The impact must end after it started.",
  })
  .refine((input) => !input.displayAt || input.displayAt >= input.startedAt, {
    path: ["displayAt"],
    message: "The update cannot be shown before the impact started.",
  });
export type RecordPastIncidentInput = z.input<typeof recordPastIncidentSchema>;
