import type { IncidentStatus, TimelineEventKind } from "../domain.ts";

export type ProposedEvent = { kind: TimelineEventKind; at: Date; text: string };

const TEXT_LENGTH = 200;

/** The update's first line of text, shortened: a description to confirm or edit. */
function summary(prefix: string, body: string): string {
  const line = body.split("\n").find((l) => l.trim()) ?? "";
  // The description is plain text: leading markers and emphasis go.
  const words = line
    .replace(/^[#>\-\s]+/, "")
    .replace(/[*_`]/g, "")
    .trim();
  const text = words ? `${prefix}: ${words}` : prefix;
  return text.length > TEXT_LENGTH ? `${text.slice(0, TEXT_LENGTH - 1)}…` : text;
}

/**
 * Timeline events the incident's own updates suggest, for staff to confirm: its first update
 * (acknowledged), its first Monitoring update (mitigated) and its first Resolved one (resolved),
 * by displayed time. A kind the timeline already has is not proposed again.
 */
export function proposeTimelineEvents(
  updates: readonly { status: IncidentStatus; displayAt: Date; body: string }[],
  existingKinds: readonly TimelineEventKind[],
): ProposedEvent[] {
  const byTime = [...updates].sort((a, b) => a.displayAt.getTime() - b.displayAt.getTime());
  const has = new Set(existingKinds);
  const first = byTime[0];
  const monitoring = byTime.find((u) => u.status === "monitoring");
  const resolved = byTime.find((u) => u.status === "resolved");
  const proposals: ProposedEvent[] = [];
  if (first && !has.has("acknowledged"))
    proposals.push({ kind: "acknowledged", at: first.displayAt, text: summary("First update", first.body) });
  if (monitoring && !has.has("mitigated"))
    proposals.push({ kind: "mitigated", at: monitoring.displayAt, text: summary("Monitoring", monitoring.body) });
  if (resolved && !has.has("resolved"))
    proposals.push({ kind: "resolved", at: resolved.displayAt, text: summary("Resolved", resolved.body) });
  return proposals;
}
