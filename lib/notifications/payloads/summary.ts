import { COMPONENT_STATUS_LABELS } from "../../domain.ts";
import { updateLabel } from "../../incidents/labels.ts";
import { formatInstant } from "../../time/format-instant.ts";
import { publicUrl } from "../../urls/public-url.ts";
import type { MessageContext } from "../message-context.ts";
import { staffReminderSummary } from "./staff-reminder.ts";

// What every channel says about a notification, before each puts it in its own format.

export type Tone = "critical" | "major" | "minor" | "maintenance" | "good" | "info";

export type MessageSummary = {
  /** `Degraded Authkit Service`. */
  title: string;
  /** `Resolved`, `Scheduled`, `Major Outage`. */
  statusLabel: string;
  /** The update's (or postmortem's) markdown; empty for component changes. */
  markdown: string;
  /** `Jul 19, 2024 - 11:57 EDT`. */
  when: string;
  /** `Authkit: Operational → Degraded Performance`. */
  componentLines: string[];
  url: string;
  tone: Tone;
};

export const TONE_COLOURS: Record<Tone, string> = {
  critical: "#dc2626",
  major: "#ea580c",
  minor: "#ca8a04",
  maintenance: "#2563eb",
  good: "#16a34a",
  info: "#4b5563",
};

function incidentTone(context: MessageContext): Tone {
  const incident = context.incident;
  if (!incident) return "info";
  if (["resolved", "completed"].includes(incident.status) || context.kind === "postmortem") return "good";
  if (incident.kind === "maintenance") return "maintenance";
  if (incident.impact === "critical" || incident.impact === "major" || incident.impact === "minor") return incident.impact;
  return "info";
}

const componentTone: Record<string, Tone> = {
  operational: "good",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
  under_maintenance: "maintenance",
};

export function summarize(context: MessageContext): MessageSummary {
  const zone = context.page.timeZone;
  const { incident, update, componentChange } = context;
  if (incident) {
    const url = publicUrl({ pagePublicUrl: context.publicBase, path: `/incidents/${incident.id}` });
    const names = context.data.components.filter((c) => incident.componentIds.includes(c.id)).map((c) => c.name);
    if (context.kind === "postmortem" && incident.postmortem) {
      return {
        title: incident.name,
        statusLabel: "Postmortem",
        markdown: incident.postmortem.body,
        when: formatInstant(incident.postmortem.publishedAt, zone),
        componentLines: names,
        url,
        tone: "good",
      };
    }
    if (context.kind === "staff_reminder") return staffReminderSummary(context, incident, names);
    if (context.kind === "maintenance_reminder") {
      const start = incident.scheduledFor ?? incident.startedAt;
      const end = incident.scheduledUntil;
      return {
        title: incident.name,
        statusLabel: "Reminder: scheduled maintenance",
        markdown: incident.updates.at(-1)?.body ?? "",
        when: end ? `${formatInstant(start, zone)} to ${formatInstant(end, zone)}` : formatInstant(start, zone),
        componentLines: names,
        url,
        tone: "maintenance",
      };
    }
    const shown = update ?? incident.updates[0] ?? null;
    return {
      title: incident.name,
      statusLabel: shown ? updateLabel(shown) : incident.status,
      markdown: shown?.body ?? "",
      when: formatInstant(shown?.displayAt ?? incident.startedAt, zone),
      componentLines: shown?.changes.length
        ? shown.changes.map((c) => `${c.componentName}: ${COMPONENT_STATUS_LABELS[c.newStatus]}`)
        : names,
      url,
      tone: incidentTone(context),
    };
  }
  if (componentChange) {
    const component = context.data.components.find((c) => c.id === componentChange.componentId);
    return {
      title: component?.name ?? "A component",
      statusLabel: COMPONENT_STATUS_LABELS[componentChange.newStatus],
      markdown: "",
      when: formatInstant(componentChange.at, zone),
      componentLines: [
        `${component?.name ?? "Component"}: ${COMPONENT_STATUS_LABELS[componentChange.oldStatus]} → ${COMPONENT_STATUS_LABELS[componentChange.newStatus]}`,
      ],
      url: publicUrl({ pagePublicUrl: context.publicBase }),
      tone: componentTone[componentChange.newStatus] ?? "info",
    };
  }
  return {
    title: `Test message from ${context.page.name}`,
    statusLabel: "Test",
    markdown: "This is a test message from your status page. If you can read it, this channel works.",
    when: formatInstant(new Date(), zone),
    componentLines: [],
    url: publicUrl({ pagePublicUrl: context.publicBase }),
    tone: "info",
  };
}
