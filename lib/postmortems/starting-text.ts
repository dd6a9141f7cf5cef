import { DEFAULT_POSTMORTEM_TEMPLATE } from "./timeline-markdown.ts";

/**
 * Where a new postmortem starts: the first of the postmortem templates (by name, as the editor
 * lists them; staff edit them on the Templates page), else the built-in Summary / Root cause /
 * Actions / Timeline. `templateId` names the template it came from, for the editor's picker.
 */
export function postmortemStart(postmortemTemplates: readonly { id: string; body: string }[]): {
  body: string;
  templateId: string | null;
} {
  const first = postmortemTemplates[0];
  return first ? { body: first.body, templateId: first.id } : { body: DEFAULT_POSTMORTEM_TEMPLATE, templateId: null };
}
