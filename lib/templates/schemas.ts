import { z } from "zod";
import { INCIDENT_STATUSES, TEMPLATE_KINDS } from "../domain.ts";
import { UPDATE_MESSAGE_MAX_LENGTH } from "../incidents/schemas.ts";
import { markdownText } from "../markdown/markdown-text.ts";
import { POSTMORTEM_MAX_LENGTH } from "../postmortems/schemas.ts";

const templateId = z.string().min(1).max(40);

// Each kind's text is held to the limits of what it prefills.
const BODY = {
  update: markdownText({ what: "the message", maxLength: UPDATE_MESSAGE_MAX_LENGTH, emptyMessage: "Write the message." }),
  postmortem: markdownText({ what: "the postmortem", maxLength: POSTMORTEM_MAX_LENGTH, emptyMessage: "Write the postmortem." }),
};

/** What the template prefills: an incident's update (the default) or a postmortem. */
export const templateKind = z.enum(TEMPLATE_KINDS, { error: "Choose what the template is for." });

export const saveTemplateSchema = z
  .object({
    templateId: templateId.nullable().default(null),
    kind: templateKind.default("update"),
    name: z.string().trim().min(1, "Name the template.").max(100, "Keep the name under 100 characters."),
    title: z
      .string()
      .trim()
      .max(200, "Keep the title under 200 characters.")
      .transform((v) => v || null),
    status: z
      .enum(["", ...INCIDENT_STATUSES], { error: "Choose a status." })
      .optional()
      .transform((v) => v || null),
    body: z.string({ error: "Write the message." }).trim(),
  })
  .superRefine((template, context) => {
    const body = BODY[template.kind].safeParse(template.body);
    for (const issue of body.error?.issues ?? []) context.addIssue({ code: "custom", path: ["body"], message: issue.message });
    // The postmortem editor fills in the text alone: a name or status would silently do nothing.
    if (template.kind !== "postmortem") return;
    if (template.title) {
      context.addIssue({
        code: "custom",
        path: ["title"],
        message: "A postmortem template has no incident name: leave it empty.",
      });
    }
    if (template.status) {
      context.addIssue({ code: "custom", path: ["status"], message: "A postmortem template sets no status: keep the form's." });
    }
  });
export type SaveTemplateInput = z.input<typeof saveTemplateSchema>;

export const deleteTemplateSchema = z.object({ templateId });
