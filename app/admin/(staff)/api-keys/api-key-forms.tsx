"use client";

import { useActionState, useRef, useState } from "react";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { ConfirmCheckbox, FieldError, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { apiKeyScopeField } from "@/lib/forms/field-names.ts";
import { IDLE } from "@/lib/forms/form-state.ts";
import { type CreateApiKeyState, createApiKeyAction, revokeApiKeyAction } from "./actions.ts";

export type ScopeChoice = { scope: string; description: string };

export function CreateApiKeyForm({ scopes }: { scopes: ScopeChoice[] }) {
  const [state, formAction] = useActionState<CreateApiKeyState, FormData>(createApiKeyAction, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  return (
    <div className="space-y-4">
      {state.secret ? <NewSecret secret={state.secret} /> : null}
      <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
        <FormMessage state={state} formRef={formRef} />
        <TextField
          name="name"
          label="Name"
          hint="What uses it, e.g. “Alertmanager” or “deploy script”."
          defaultValue={values.name}
          error={errors.name}
        />
        <fieldset aria-describedby={errors.scopes ? "scopes-error" : undefined}>
          <legend className="text-sm font-medium">Scopes</legend>
          <ul className="mt-2 space-y-2">
            {scopes.map(({ scope, description }) => (
              <li key={scope}>
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={apiKeyScopeField(scope)}
                    defaultChecked={values[apiKeyScopeField(scope)] === "on"}
                    className="mt-0.5 size-4 shrink-0"
                  />
                  <span>
                    <span className="font-mono font-semibold">{scope}</span>: {description}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError id="scopes" error={errors.scopes} />
        </fieldset>
        <SubmitButton>Create key</SubmitButton>
      </form>
    </div>
  );
}

/** The new key, once: a read-only field to select and a button that copies it. */
function NewSecret({ secret }: { secret: string }) {
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"no" | "yes" | "select">("no");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      // No clipboard (a plain-http address, or permission refused): select it for the person to copy.
      fieldRef.current?.select();
      setCopied("select");
    }
  };
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
      <label htmlFor="new-api-key" className="block text-sm font-semibold">
        Your new API key (shown only now)
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={fieldRef}
          id="new-api-key"
          readOnly
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-gray-300 bg-white px-3 py-2 font-mono text-sm text-gray-900 dark:border-gray-600 dark:bg-gray-900 dark:text-gray-100"
        />
        <button type="button" onClick={copy} className={buttonClass("plain")}>
          Copy
        </button>
      </div>
      <p role="status" aria-live="polite" className="text-sm">
        {copied === "yes" ? "Copied." : copied === "select" ? "Selected: press Ctrl+C (⌘C) to copy." : ""}
      </p>
    </div>
  );
}

export function RevokeApiKeyForm({ apiKey }: { apiKey: { id: string; name: string } }) {
  const { state, formAction, formRef, errors } = useAdminForm(revokeApiKeyAction);
  const id = `confirm-${apiKey.id}`;
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-2" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="apiKeyId" value={apiKey.id} />
      <ConfirmCheckbox id={id} error={errors.confirm}>
        Yes, revoke “{apiKey.name}”
      </ConfirmCheckbox>
      <FieldError id={id} error={errors.confirm} />
      <SubmitButton tone="danger">Revoke</SubmitButton>
    </form>
  );
}
