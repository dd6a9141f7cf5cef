"use client";

import { useEffect, useRef } from "react";

/** The sign-in step of accounts with two-factor on: a code from the app, or a recovery code. Focused as it appears. */
export function CodeField() {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div>
      <label htmlFor="code" className="block text-sm font-medium">
        Two-factor code
      </label>
      <p id="code-hint" className="text-sm text-gray-600 dark:text-gray-400">
        The 6-digit code your authenticator app shows, or one of your recovery codes.
      </p>
      <input
        ref={ref}
        id="code"
        name="code"
        type="text"
        inputMode="text"
        autoComplete="one-time-code"
        required
        aria-describedby="code-hint"
        className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 font-mono text-base tracking-widest text-gray-900 shadow-sm focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500 dark:border-gray-600 dark:bg-gray-900 dark:text-gray-100"
      />
    </div>
  );
}
