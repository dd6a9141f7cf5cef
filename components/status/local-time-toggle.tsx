"use client";

import { useEffect, useState } from "react";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { localTimeWords } from "./local-time-label.ts";

const STORAGE_KEY = "upstate:local-times";

/** Rewrites every `<time dateTime>` on the page in `timeZone`, or back to the page's zone. */
function applyZone(timeZone: string | null) {
  for (const el of Array.from(document.querySelectorAll<HTMLTimeElement>("time[datetime]"))) {
    el.dataset.pageTime ??= el.textContent ?? "";
    el.textContent = timeZone ? formatInstant(new Date(el.dateTime), timeZone) : el.dataset.pageTime;
  }
}

/**
 * Switches the page's times between the page's time zone and the viewer's own, saying which is
 * shown. Server-rendered pages show the page's zone and the same HTML for everyone; this control
 * appears only once the page runs, and only for a viewer in another zone.
 */
export function LocalTimeToggle({ pageTimeZone, className = "" }: { pageTimeZone: string; className?: string }) {
  const [viewerZone, setViewerZone] = useState<string | null>(null);
  const [local, setLocal] = useState(false);

  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    setViewerZone(zone);
    if (zone !== pageTimeZone && localStorage.getItem(STORAGE_KEY) === "1") {
      setLocal(true);
      applyZone(zone);
    }
  }, [pageTimeZone]);

  if (!viewerZone || viewerZone === pageTimeZone) return null;
  const words = localTimeWords({ local, viewerZone, pageZone: pageTimeZone, now: new Date() });
  return (
    <p className={`flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-gray-600 dark:text-gray-400 ${className}`}>
      <span role="status">{words.shown}</span>
      <button
        type="button"
        onClick={() => {
          const next = !local;
          setLocal(next);
          applyZone(next ? viewerZone : null);
          localStorage.setItem(STORAGE_KEY, next ? "1" : "0");
        }}
        className="rounded-md border border-gray-300 px-2 py-1 font-medium text-gray-900 hover:bg-gray-100 dark:border-gray-700 dark:text-gray-100 dark:hover:bg-gray-800"
      >
        {words.action}
      </button>
    </p>
  );
}
