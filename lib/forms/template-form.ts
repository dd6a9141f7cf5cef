import { z } from "zod";
import { deleteTemplateSchema, saveTemplateSchema, templateKind } from "../templates/schemas.ts";
import { choice, formDecoder, readIntent, text, textOrNull } from "./decode-form.ts";

/** Save is the template editor's main button; no templateId adds a new template. */
export const readTemplateIntent = (values: Record<string, string>) =>
  readIntent(values, ["save", "delete"] as const, { fallback: "save" });

export const decodeSaveTemplate = formDecoder({
  fields: z.object({
    templateId: textOrNull,
    // An update template unless chosen otherwise.
    kind: choice(templateKind.optional()),
    name: text,
    title: text,
    // Empty: the template leaves the status as it is. A postmortem template's form has none.
    status: saveTemplateSchema.shape.status.in,
    body: text,
  }),
  input: saveTemplateSchema,
});

export const decodeDeleteTemplate = formDecoder({
  fields: z.object({ templateId: text }),
  input: deleteTemplateSchema,
});
