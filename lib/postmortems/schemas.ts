import { z } from "zod";
import { markdownText } from "../markdown/markdown-text.ts";
import { DATE_BOUNDS_MESSAGE, isInstantInBounds } from "../time/bounds.ts";

const id = z.string().min(1).max(40);

export const POSTMORTEM_MAX_LENGTH = 100_000;

export const savePostmortemSchema = z.object({
  incidentId: id,
  /** The version the editor loaded; null when it is writing the first draft. */
  version: z.number().int().nonnegative().nullable(),
  body: markdownText({ what: "the postmortem", maxLength: POSTMORTEM_MAX_LENGTH, emptyMessage: "Write the postmortem." }),
});
export type SavePostmortemInput = z.input<typeof savePostmortemSchema>;

export const publishPostmortemSchema = z.object({
  incidentId: id,
  version: z.number().int().nonnegative(),
  /** When it was published, for a postmortem entered after the fact; now when absent. */
  publishedAt: z
    .date()
    .refine(isInstantInBounds, DATE_BOUNDS_MESSAGE)
    .refine((at) => at.getTime() <= Date.now() + 60_000, { error: "A postmortem cannot be published in the future." })
    .optional(),
  /** Mail the postmortem to subscribers when it is first published. */
  deliverNotifications: z.boolean().default(true),
});
export type PublishPostmortemInput = z.input<typeof publishPostmortemSchema>;
