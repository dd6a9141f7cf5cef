import { z } from "zod";
import { apiKeyIdSchema, createApiKeySchema } from "../api-keys/schemas.ts";
import { API_SCOPES } from "../auth/actor.ts";
import { formDecoder, prefixed, text, withPrefixedGroup } from "./decode-form.ts";
import { API_KEY_SCOPE, apiKeyScopeField } from "./field-names.ts";

// The decoders of the API keys page: a new key (its name, and `scope:<name>=on` for each ticked
// scope), and the key a revoke button names.

export const decodeCreateApiKey = formDecoder({
  fields: withPrefixedGroup(
    { name: text },
    {
      prefix: API_KEY_SCOPE,
      read: prefixed(z.string()).transform((ticked) => API_SCOPES.filter((scope) => ticked[scope] === "on")),
      name: "scopes",
    },
  ),
  input: createApiKeySchema,
  lists: { scopes: apiKeyScopeField },
});

export const decodeApiKeyId = formDecoder({ fields: z.object({ apiKeyId: text }), input: apiKeyIdSchema });
