import { z } from "zod";
import { MARKDOWN_LIMITS, markdownLimitProblem } from "./limits.ts";

const format = (n: number) => n.toLocaleString("en-US");

/**
 * Staff-written markdown (updates, maintenance messages, templates, postmortems), trimmed, with
 * the limits that keep every accepted text quick to render (lib/markdown/limits.ts). `what` names
 * the field in messages: "the message", "the postmortem".
 */
export function markdownText(options: { what: string; maxLength: number; emptyMessage?: string }) {
  const { what, maxLength, emptyMessage } = options;
  if (maxLength > MARKDOWN_LIMITS.length) throw new Error(`Markdown longer than ${MARKDOWN_LIMITS.length} is never rendered`);
  const base = z
    .string({ error: emptyMessage ?? `Write ${what}.` })
    .trim()
    .max(maxLength, `Keep ${what} under ${format(maxLength)} characters.`);
  return (emptyMessage ? base.min(1, emptyMessage) : base).superRefine((text, context) => {
    if (text.length > maxLength) return;
    const problem = markdownLimitProblem(text, maxLength);
    if (problem) context.addIssue({ code: "custom", message: `In ${what}: ${problem}` });
  });
}
