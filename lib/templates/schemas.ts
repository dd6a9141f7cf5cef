import { z } from "zod";
import { INCIDENT_STATUSES } from "../domain.ts";
import { UPDATE_MESSAGE_MAX_LENGTH } from "../incidents/schemas.ts";
import { markdownText } from "../markdown/markdown-text.ts";

const templateId = z.string().min(1).max(40);

export const saveTemplateSchema = z.object({
  templateId: templateId.nullable().default(null),
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
  body: markdownText({ what: "the message", maxLength: UPDATE_MESSAGE_MAX_LENGTH, emptyMessage: "Write the message." }),
});
export type SaveTemplateInput = z.input<typeof saveTemplateSchema>;

export const deleteTemplateSchema = z.object({ templateId });
