"use server";

import { createApiKey } from "@/lib/api-keys/create-api-key.ts";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key.ts";
import { requireStaffFor } from "@/lib/auth/require-staff.ts";
import { decodeApiKeyId, decodeCreateApiKey } from "@/lib/forms/api-key-forms.ts";
import { requireConfirmation } from "@/lib/forms/decode-form.ts";
import type { FormState } from "@/lib/forms/form-state.ts";
import { runStaffAction } from "@/lib/forms/run-action.ts";

// Admins only: checked here, and the lib functions authorize "apiKey.manage" again in their transaction.
const ADMIN_PAGE = { path: () => "/admin/api-keys", authorize: () => requireStaffFor("apiKey.manage") };

/** The form's answer, plus the new key's secret: in this one answer only, never stored. */
export type CreateApiKeyState = FormState & { secret?: string };

export async function createApiKeyAction(_previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  let secret: string | undefined;
  const state = await runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, values }) => {
    const created = await createApiKey({ db, actor, input: decodeCreateApiKey(values) });
    secret = created.secret;
    return `Key “${created.name}” created. Copy it now: it is shown only this once.`;
  });
  return secret ? { ...state, secret } : state;
}

export async function revokeApiKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, values }) => {
    requireConfirmation(values, "Confirm first.");
    const revoked = await revokeApiKey({ db, actor, input: decodeApiKeyId(values) });
    return revoked ? "Key revoked: requests with it are refused from now on." : "This key was already revoked.";
  });
}
