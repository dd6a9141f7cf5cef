import { z } from "zod";
import { publishPostmortemSchema, savePostmortemSchema } from "../postmortems/schemas.ts";
import { addTimelineEventSchema, editTimelineEventSchema, removeTimelineEventSchema } from "../timeline/schemas.ts";
import { formDecoder, readIntent, requiredWallTime, text, versionNumber, wallTime, zonedFormDecoder } from "./decode-form.ts";
import { deliverNotificationsBox } from "./notify-fields.ts";

// The decoders of the postmortem page: the postmortem's editor (save, publish, unpublish) and
// the timeline's event forms (add, save, remove).

/** Saving is the editor's main button; publishing and unpublishing save first. */
export const readPostmortemIntent = (values: Record<string, string>) =>
  readIntent(values, ["save", "publish", "unpublish"] as const, { fallback: "save" });

export const decodeSavePostmortem = formDecoder({
  fields: z.object({
    incidentId: text,
    // Empty while the first draft is being written.
    version: z
      .string()
      .optional()
      .transform((value) => (value ? Number(value) : null)),
    body: text,
  }),
  input: savePostmortemSchema,
});

/** The publish fields; the version is the one the save just wrote, so the action supplies it. */
export const decodePublishPostmortem = zonedFormDecoder({
  fields: ({ timeZone }) =>
    z.object({ incidentId: text, publishedAt: wallTime(timeZone), deliverNotifications: deliverNotificationsBox }),
  input: publishPostmortemSchema.omit({ version: true }),
});

const eventFields = (timeZone: string) => ({
  at: requiredWallTime(timeZone, "Enter when it happened."),
  kind: addTimelineEventSchema.shape.kind,
  text,
});

export const decodeAddTimelineEvent = zonedFormDecoder({
  fields: ({ timeZone }) => z.object({ incidentId: text, ...eventFields(timeZone) }),
  input: addTimelineEventSchema,
});

export const readTimelineEventIntent = (values: Record<string, string>) =>
  readIntent(values, ["save", "remove"] as const, { fallback: "save" });

export const decodeEditTimelineEvent = zonedFormDecoder({
  fields: ({ timeZone }) =>
    z
      .object({ eventId: text, version: versionNumber, ...eventFields(timeZone) })
      // The form's version is the event's updatedAt when it loaded, in milliseconds.
      .transform(({ version, ...fields }) => ({ ...fields, loadedAt: new Date(version) })),
  input: editTimelineEventSchema,
});

export const decodeRemoveTimelineEvent = formDecoder({ fields: z.object({ eventId: text }), input: removeTimelineEventSchema });
