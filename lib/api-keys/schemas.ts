import { z } from "zod";
import { API_SCOPES } from "../auth/actor.ts";

export const createApiKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the key (what uses it, e.g. “Alertmanager”).")
    .max(100, "Keep the name under 100 characters."),
  scopes: z
    .array(z.enum(API_SCOPES, { error: "Choose scopes from the list." }))
    .min(1, "Choose at least one scope.")
    .transform((scopes) => [...new Set(scopes)]),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.object({ apiKeyId: z.string().min(1).max(40) });
