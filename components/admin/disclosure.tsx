import type { ReactNode } from "react";

/** A panel of the admin that opens on demand, for rarer or destructive actions. */
export function Disclosure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900">
      <summary className="cursor-pointer font-semibold">{summary}</summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}
