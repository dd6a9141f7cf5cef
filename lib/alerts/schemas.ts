import { z } from "zod";
import { parseMatchers } from "./matchers.ts";

/** The statuses an alert may set: trouble, not maintenance (that is planned) nor operational. */
export const ALERT_STATUSES = ["degraded_performance", "partial_outage", "major_outage"] as const;

/** A day: a longer hold would hide a recovery from the public for too long. */
export const MAX_HOLD_SECONDS = 86_400;

const id = z.string().min(1).max(40);

export const saveAlertMappingSchema = z.object({
  mappingId: id.nullable().default(null),
  name: z.string().trim().min(1, "Name the mapping.").max(100, "Keep the name under 100 characters."),
  /** Matchers as Alertmanager writes them, comma- or line-separated: service="authkit", severity=~"critical|page". */
  matchers: z
    .string({ error: 'Add at least one matcher, such as service="authkit".' })
    .max(5_000, "Keep the matchers under 5,000 characters.")
    .transform((text, context) => {
      const parsed = parseMatchers(text);
      if ("problem" in parsed) {
        context.addIssue({ code: "custom", message: parsed.problem });
        return z.NEVER;
      }
      return parsed.matchers;
    }),
  componentId: z.string({ error: "Choose a component." }).min(1, "Choose a component.").max(40),
  status: z.enum(ALERT_STATUSES, { error: "Choose the status to set while the alert fires." }),
  minHoldSeconds: z.coerce
    .number({ error: "Enter a number of seconds." })
    .int("Enter a whole number of seconds.")
    .min(0, "The hold cannot be negative.")
    .max(MAX_HOLD_SECONDS, "Hold for at most a day (86400 seconds)."),
  /** Open an incident from this template while it fires; null: never open one. */
  templateId: id
    .nullable()
    .or(z.literal(""))
    .transform((value) => value || null)
    .default(null),
});
export type SaveAlertMappingInput = z.input<typeof saveAlertMappingSchema>;

export const deleteAlertMappingSchema = z.object({ mappingId: id });
export type DeleteAlertMappingInput = z.input<typeof deleteAlertMappingSchema>;
