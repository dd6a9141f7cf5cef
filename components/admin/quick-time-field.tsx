"use client";

import { useEffect, useState } from "react";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { parseQuickTime } from "@/lib/time/quick-time.ts";
import { FieldError } from "./fields.tsx";

const CONTROL =
  "mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-base text-gray-900 shadow-sm " +
  "aria-invalid:border-red-600 dark:border-gray-600 dark:bg-gray-900 dark:text-gray-100 dark:aria-invalid:border-red-400";

/**
 * A time typed quickly in one text box: `now`, `-15m`, `16:01` (today), `2024-07-11 16:01`, read
 * in the page's zone (lib/time/quick-time.ts, which the server reads it with too). Under it, how
 * it was understood, with the zone's abbreviation; a date picker beside it stays optional. Without
 * JavaScript it is a plain text box with the same formats. Empty means now.
 */
export function QuickTimeField({
  name,
  id = name,
  label,
  timeZone,
  defaultValue,
  error,
}: {
  name: string;
  id?: string;
  label: string;
  timeZone: string;
  defaultValue?: string;
  error?: string;
}) {
  const [typed, setTyped] = useState(defaultValue ?? "");
  // The reading depends on the moment: shown once in the browser, refreshed each half minute.
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const understood = now && typed.trim() ? parseQuickTime(typed, { now, timeZone }) : null;
  const hintId = `${id}-hint`;
  const readingId = `${id}-reading`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <p id={hintId} className="text-sm text-gray-600 dark:text-gray-400">
        Empty for now, or <code>-15m</code>, <code>16:01</code>, <code>2024-07-11 16:01</code> in {timeZone}.
      </p>
      <input
        id={id}
        name={name}
        type="text"
        autoComplete="off"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, now ? readingId : "", error ? `${id}-error` : ""].filter(Boolean).join(" ")}
        className={CONTROL}
      />
      {now ? (
        <p id={readingId} aria-live="polite" className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          {!typed.trim()
            ? `Now: ${formatInstant(now, timeZone)}`
            : understood
              ? `Understood as ${formatInstant(understood, timeZone)}`
              : "Not understood yet."}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
      {now ? (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-gray-700 dark:text-gray-300">Pick from a calendar</summary>
          <input
            type="datetime-local"
            aria-label="Calendar picker"
            onChange={(event) => event.target.value && setTyped(event.target.value.replace("T", " "))}
            className={`${CONTROL} dark:[color-scheme:dark]`}
          />
        </details>
      ) : null}
    </div>
  );
}
