"use client";

import { signIn } from "next-auth/react";
import { type FormEvent, useRef, useState } from "react";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { TextField } from "@/components/admin/fields.tsx";
import {
  describeWait,
  readRateLimited,
  SECOND_FACTOR_REQUIRED,
  SECOND_FACTOR_WRONG,
  SSO_PROVIDER_ID,
  signInErrorMessage,
} from "@/lib/auth/errors.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { CodeField } from "./code-field.tsx";

/** `refused`: why single sign-on sent the visitor back, if it did. */
export function SignInForm({ callbackUrl, sso, refused }: { callbackUrl: string; sso: boolean; refused: string | null }) {
  const [error, setError] = useState<string | null>(refused);
  const [pending, setPending] = useState(false);
  // Set once the password was right and the account's two-factor code is needed.
  const [needsCode, setNeedsCode] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      code: needsCode ? String(data.get("code") ?? "") : "",
      redirect: false,
    }).catch(() => undefined);
    if (result?.ok && !result.error) {
      window.location.assign(withBase(callbackUrl));
      return;
    }
    setPending(false);
    if (result?.error === SECOND_FACTOR_REQUIRED || result?.error === SECOND_FACTOR_WRONG) {
      setNeedsCode(true);
      setError(result.error === SECOND_FACTOR_WRONG ? "That code is not right, or it was used already. Try the next one." : null);
      // A second wrong code: the field is there already, and takes the focus back.
      requestAnimationFrame(() => document.getElementById("code")?.focus());
      return;
    }
    const waitSeconds = readRateLimited(result?.error);
    setError(
      waitSeconds !== null
        ? `Too many failed attempts from here. Try again in ${describeWait(waitSeconds)}.`
        : result
          ? (signInErrorMessage(result.error ?? undefined) ?? "The email or password is not right.")
          : "The server could not be reached. Try again.",
    );
    requestAnimationFrame(() => alertRef.current?.focus());
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      {error ? (
        <div
          ref={alertRef}
          tabIndex={-1}
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </div>
      ) : null}
      {/* Kept (hidden) at the code step: the code is checked together with the password. */}
      <div hidden={needsCode} className="space-y-4">
        <TextField name="email" label="Email" type="email" autoComplete="username" required />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" required />
      </div>
      {needsCode ? <CodeField /> : null}
      <button type="submit" disabled={pending} className={`${buttonClass()} w-full`}>
        {pending ? "Signing in…" : needsCode ? "Verify" : "Sign in"}
      </button>
      {sso && !needsCode ? (
        <button
          type="button"
          onClick={() => signIn(SSO_PROVIDER_ID, { callbackUrl: withBase(callbackUrl) })}
          className={`${buttonClass("plain")} w-full`}
        >
          Sign in with single sign-on
        </button>
      ) : null}
    </form>
  );
}
