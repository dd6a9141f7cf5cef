import { z } from "zod";
import { COMPONENT_STATUSES, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "../domain.ts";

// Request bodies of Statuspage's Manage API v1, as its clients send them (JSON, or form-encoded
// and decoded by read-body.ts, where every value is a string). The same schemas validate the
// requests and generate the OpenAPI document (openapi.ts), so the two cannot drift apart. Only the
// shape is checked here; the lib/ write each route calls validates the content (lengths, times in
// bounds, components that exist) and names the field when it refuses.

/** A boolean, or its form spelling as Rails reads it (`true`/`false`, `t`/`f`, `1`/`0`). */
const flag = z
  .union([z.boolean(), z.enum(["true", "false", "t", "f", "1", "0"])], { error: "Expected true or false." })
  .transform((value) => value === true || value === "true" || value === "t" || value === "1");

/** A non-negative integer, or its form spelling. */
const count = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,9}$/)], { error: "Expected a whole number." })
  .transform(Number);

/** An ISO 8601 instant with a zone (`2026-05-07T03:00:00Z`, `…+02:00`). */
const instant = z
  .string({ error: "Expected an ISO 8601 date and time." })
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value)),
    {
      message: "Expected an ISO 8601 date and time with a zone, such as 2026-05-07T03:00:00Z.",
    },
  )
  .transform((value) => new Date(value));

/** A day, as Statuspage's `backfill_date` takes it (`12/01/2013`, month first) or ISO (`2013-12-01`), or an instant. */
const day = z
  .string({ error: "Expected a date such as 2013-12-01." })
  .refine((value) => dayOf(value) !== null, { message: "Expected a date such as 2013-12-01 or 12/01/2013." })
  .transform((value) => dayOf(value)!);

function dayOf(value: string): Date | null {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const parts = us ? [us[3], us[1], us[2]] : iso ? [iso[1], iso[2], iso[3]] : null;
  if (!parts) {
    const instantValue = instant.safeParse(value);
    return instantValue.success ? instantValue.data : null;
  }
  const [year, month, date] = parts.map(Number) as [number, number, number];
  const result = new Date(Date.UTC(year, month - 1, date));
  return result.getUTCMonth() === month - 1 && result.getUTCDate() === date ? result : null;
}

const id = z.string().min(1).max(40);
const text = z.string().max(100_000);
const componentStatus = z.enum(COMPONENT_STATUSES, { error: `Expected one of ${COMPONENT_STATUSES.join(", ")}.` });
const incidentOrMaintenanceStatus = z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES], {
  error: `Expected one of ${[...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES].join(", ")}.`,
});
/** Upstate's optimistic lock: send the `version` you read to get 409 instead of overwriting a newer change. */
const version = count.optional().describe("Upstate extension: the version you read; a newer one answers 409 Conflict.");

/** The fields of `incident` in create and update requests. */
export const incidentFields = z.object({
  name: z.string().max(255).optional(),
  status: incidentOrMaintenanceStatus.optional(),
  impact_override: z.enum(["none", "minor", "major", "critical"]).nullable().optional(),
  body: text.optional().describe("The text of the update this request posts."),
  message: text.optional().describe("Older clients' name for body."),
  /** Component id → the status to set. */
  components: z.record(z.string().max(40), componentStatus).optional(),
  component_ids: z.array(id).max(500).optional(),
  deliver_notifications: flag.optional(),
  created_at: instant.optional().describe("Back-dates a new incident (and its first update) to when it started."),
  backfill_date: day.optional().describe("With backfilled: the day a past incident happened."),
  backfilled: flag.optional(),
  scheduled_for: instant.optional(),
  scheduled_until: instant.optional(),
  scheduled_remind_prior: flag.optional(),
  scheduled_auto_in_progress: flag.optional(),
  scheduled_auto_completed: flag.optional(),
  auto_transition_to_maintenance_state: flag.optional(),
  auto_transition_to_operational_state: flag.optional(),
  auto_transition_deliver_notifications_at_start: flag.optional(),
  auto_transition_deliver_notifications_at_end: flag.optional(),
  auto_tweet_at_beginning: flag.optional(),
  auto_tweet_on_completion: flag.optional(),
  auto_tweet_on_creation: flag.optional(),
  auto_tweet_one_hour_before: flag.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  version,
});

export const incidentBody = z.object({ incident: incidentFields }, { error: "Send the fields inside `incident`." });

export const incidentUpdateBody = z.object(
  {
    incident_update: z.object({
      body: text.optional(),
      display_at: instant.optional(),
      deliver_notifications: flag.optional(),
      wants_twitter_update: flag.optional(),
      twitter_updated_at: z.string().optional(),
      custom_tweet: z.string().optional(),
      version,
    }),
  },
  { error: "Send the fields inside `incident_update`." },
);

export const postmortemBody = z.object(
  { postmortem: z.object({ body_draft: text, version: version }) },
  { error: "Send the fields inside `postmortem`." },
);

export const postmortemPublishBody = z.object({
  postmortem: z
    .object({
      notify_subscribers: flag.optional(),
      notify_twitter: flag.optional(),
      custom_tweet: z.string().optional(),
      version,
    })
    .optional(),
});

export const componentBody = z.object(
  {
    component: z.object({
      name: z.string().max(255).optional(),
      description: z.string().max(1000).nullable().optional(),
      status: componentStatus.optional(),
      group_id: id.nullable().optional(),
      only_show_if_degraded: flag.optional(),
      showcase: flag.optional(),
      start_date: z.string().optional(),
      version,
    }),
  },
  { error: "Send the fields inside `component`." },
);

export const componentGroupBody = z.object(
  {
    description: z.string().max(1000).optional(),
    component_group: z.object({
      name: z.string().max(255).optional(),
      components: z.array(id).max(500).optional(),
    }),
  },
  { error: "Send the fields inside `component_group`." },
);

export const pageBody = z.object(
  {
    page: z.object({
      name: z.string().max(255).optional(),
      url: z.string().max(2000).nullable().optional().describe("The public URL of the page."),
      time_zone: z.string().max(100).optional(),
      support_url: z.string().max(2000).nullable().optional(),
      brand_color: z.string().max(20).optional().describe("Upstate extension: the page's colour, #rrggbb."),
      logo_url: z.string().max(2000).nullable().optional().describe("Upstate extension: the logo's URL."),
      notifications_from_email: z.string().max(254).nullable().optional().describe("The Reply-To of subscriber mail."),
      version,
    }),
  },
  { error: "Send the fields inside `page`." },
);

export const subscriberBody = z.object(
  {
    subscriber: z.object({
      email: z.string().max(254).optional(),
      endpoint: z.string().max(2000).optional(),
      component_ids: z.array(id).max(1000).optional(),
      skip_confirmation_notification: flag.optional(),
    }),
  },
  { error: "Send the fields inside `subscriber`." },
);

/** Query parameters of the incident lists. */
export const listQuery = z.object({
  q: z.string().max(200).optional(),
  limit: count.optional(),
  page: count.optional(),
  per_page: count.optional(),
});

export type IncidentFields = z.output<typeof incidentFields>;
