import { z } from "zod";

export const SUBSCRIBER_CHANNELS = ["email", "webhook", "slack", "discord", "teams"] as const;
export type SubscriberChannel = (typeof SUBSCRIBER_CHANNELS)[number];

export const CHANNEL_LABELS: Record<SubscriberChannel, string> = {
  email: "Email",
  webhook: "Webhook",
  slack: "Slack",
  discord: "Discord",
  teams: "Microsoft Teams",
};

const id = z.string().min(1).max(40);

export const emailAddress = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email({ error: "Enter an email address such as you@example.com." }));

export const endpointUrl = z
  .string({ error: "Enter the URL to send to." })
  .trim()
  .min(1, "Enter the URL to send to.")
  .max(2000, "Keep the URL under 2,000 characters.");

/** What a subscription covers: the whole page, or some components and whole groups. */
export const subscriptionScope = z.object({
  componentIds: z.array(id).max(1000).default([]),
  groupIds: z.array(id).max(1000).default([]),
});

export const subscribeSchema = subscriptionScope.extend({
  channel: z.enum(SUBSCRIBER_CHANNELS, { error: "Choose how to be notified." }),
  target: z.string().max(2000),
  ip: z.string().max(100),
});
export type SubscribeInput = z.input<typeof subscribeSchema>;

/** Chat services' incoming-webhook URLs, so a Slack URL is not sent Discord's format. */
export const CHAT_URL_HINTS: Partial<Record<SubscriberChannel, { pattern: RegExp; example: string }>> = {
  slack: { pattern: /^https:\/\/hooks\.slack\.com\/services\//, example: "https://hooks.slack.com/services/…" },
  discord: {
    pattern: /^https:\/\/(?:(?:canary|ptb)\.)?discord(?:app)?\.com\/api\/webhooks\//,
    example: "https://discord.com/api/webhooks/…",
  },
  teams: {
    pattern: /^https:\/\/[a-z0-9.-]+\.(?:webhook\.office\.com|logic\.azure\.com|powerplatform\.com)(?::\d+)?\//,
    example: "https://….webhook.office.com/…",
  },
};
