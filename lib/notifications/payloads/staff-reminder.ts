import type { ApiIncident } from "../../public-api/queries.ts";
import { formatInstant } from "../../time/format-instant.ts";
import { publicUrl } from "../../urls/public-url.ts";
import type { MessageContext } from "../message-context.ts";
import type { MessageSummary, Tone } from "./summary.ts";

const TONES: Record<string, Tone> = { critical: "critical", major: "major", minor: "minor" };

/** A reminder to the team channels: an open incident has gone without an update; the link opens it in the admin. */
export function staffReminderSummary(context: MessageContext, incident: ApiIncident, names: string[]): MessageSummary {
  const minutes = context.reminderMinutes;
  const newest = incident.updates[0];
  return {
    title: incident.name,
    statusLabel: "Reminder: no update lately",
    markdown: `This incident has had no update for ${minutes ? `${minutes} minutes` : "a while"}. Customers are waiting: post an update, or resolve it.`,
    when: formatInstant(newest?.displayAt ?? incident.startedAt, context.page.timeZone),
    componentLines: names,
    url: publicUrl({ pagePublicUrl: context.publicBase, path: `/admin/incidents/${incident.id}` }),
    tone: TONES[incident.impact] ?? "info",
  };
}
