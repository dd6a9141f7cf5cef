"use client";

import { type ReactNode, useActionState, useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";
import { type FormState, IDLE } from "@/lib/forms/form-state.ts";
import { IDEMPOTENCY_FIELD } from "@/lib/idempotency/form-field.ts";
import { type ButtonTone, buttonClass } from "./button-styles.ts";

/**
 * Every form with a submit button carries a one-submission token: a retry of the same submission
 * (after a timeout, or the server restarting mid-request) writes once. Forms re-mount after each
 * answer (`key={state.seq}`), which gives them a fresh token for the next submission.
 */
export function SubmitButton({ children, tone = "primary" }: { children: ReactNode; tone?: ButtonTone }) {
  const { pending } = useFormStatus();
  return (
    <>
      <IdempotencyKeyField />
      <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass(tone)}>
        {pending ? "Saving…" : children}
      </button>
    </>
  );
}

/** A new one-submission token, for a form that stays mounted after an answer (it keeps typing). */
export function newIdempotencyToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * A random token, made in the browser once the form is mounted (made on the server, the page's
 * HTML and the browser's first render would disagree). getRandomValues, unlike randomUUID, works
 * on plain-http addresses too. SubmitButton includes it; a form with buttons of its own adds it.
 */
export function IdempotencyKeyField() {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!ref.current || ref.current.value) return;
    ref.current.value = newIdempotencyToken();
  }, []);
  return <input ref={ref} type="hidden" name={IDEMPOTENCY_FIELD} defaultValue="" />;
}

/** The form's answer, announced to screen readers; moves focus to the first wrong field. */
export function FormMessage({ state, formRef }: { state: FormState; formRef?: React.RefObject<HTMLFormElement | null> }) {
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "error") return;
    const first = Object.keys(state.fieldErrors ?? {})[0];
    const field = first ? formRef?.current?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`) : null;
    (field ?? messageRef.current)?.focus();
  }, [state, formRef]);
  if (state.status === "idle" || !state.message) return <div role="status" aria-live="polite" />;
  const tone =
    state.status === "error"
      ? "border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
      : "border-green-300 bg-green-50 text-green-800 dark:border-green-800 dark:bg-green-950 dark:text-green-200";
  return (
    <div
      ref={messageRef}
      tabIndex={-1}
      role={state.status === "error" ? "alert" : "status"}
      className={`rounded-md border p-3 text-sm ${tone}`}
    >
      {state.message}
    </div>
  );
}

/**
 * A server-action form: its state, and the submitted values (`values`) and field errors (`errors`) to render
 * with. Give the form `key={state.seq}` so that it re-mounts with what was typed after an error.
 */
export function useAdminForm(action: (previous: FormState, formData: FormData) => Promise<FormState>) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  return { state, formAction, formRef, values: state.values ?? {}, errors: state.fieldErrors ?? {} };
}

/**
 * The bar with a form's submit button (and what goes beside it, such as "Notify subscribers"):
 * on a phone it sticks to the bottom of the screen, so the button is one tap away however long
 * the form grows; from the `sm` width up it sits in the flow like any button.
 */
export function StickySubmitBar({ children }: { children: ReactNode }) {
  return (
    <div
      data-sticky-submit
      className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center justify-between gap-3 border-t border-gray-200 bg-white px-4 py-3 sm:static sm:mx-0 sm:justify-start sm:border-0 sm:bg-transparent sm:p-0 dark:border-gray-800 dark:bg-gray-900 sm:dark:bg-transparent"
    >
      {children}
    </div>
  );
}
