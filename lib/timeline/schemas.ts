import { z } from "zod";
import { TIMELINE_EVENT_KINDS } from "../domain.ts";
import { DATE_BOUNDS_MESSAGE, isInstantInBounds } from "../time/bounds.ts";

const id = z.string().min(1).max(40);

const eventFields = {
  at: z.date({ error: "Enter a date and time." }).refine(isInstantInBounds, DATE_BOUNDS_MESSAGE),
  kind: z.enum(TIMELINE_EVENT_KINDS, { error: "Choose what happened." }),
  text: z.string().trim().min(1, "Describe the event.").max(2000, "Keep it under 2,000 characters."),
};

export const addTimelineEventSchema = z.object({ incidentId: id, ...eventFields });
export type AddTimelineEventInput = z.input<typeof addTimelineEventSchema>;

export const editTimelineEventSchema = z.object({
  eventId: id,
  /** The event's updatedAt when the form loaded: a stale one is a conflict. */
  loadedAt: z.date({ error: "Reload the page: the form is missing its version." }),
  ...eventFields,
});
export type EditTimelineEventInput = z.input<typeof editTimelineEventSchema>;

export const removeTimelineEventSchema = z.object({ eventId: id });
