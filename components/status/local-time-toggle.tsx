"use client";

import { useEffect, useState } from "react";
import { formatInstant } from "@/lib/time/format-instant.ts";

const STORAGE_KEY = "upstate:local-times";

/** Rewrites every `<time dateTime>` on the page in `timeZone`, or back to the page's zone. */
function applyZone(timeZone: string | null) {
  for (const el of Array.from(document.querySelectorAll<HTMLTimeElement>("time[datetime]"))) {
    el.dataset.pageTime ??= el.textContent ?? "";
    el.textContent = timeZone ? formatInstant(new Date(el.dateTime), timeZone) : el.dataset.pageTime;
  }
}

/**
 * Switches the page's times between the page's time zone and the viewer's own. Server-rendered
 * pages show the page's zone; without JavaScript this control does not appear.
 */
export function LocalTimeToggle({ pageTimeZone }: { pageTimeZone: string }) {
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
  return (
    <button
      type="button"
      aria-pressed={local}
      onClick={() => {
        const next = !local;
        setLocal(next);
        applyZone(next ? viewerZone : null);
        localStorage.setItem(STORAGE_KEY, next ? "1" : "0");
      }}
      className="rounded-md border border-gray-300 px-2 py-1 text-xs font-medium hover:bg-gray-100 dark:border-gray-700 dark:hover:bg-gray-800"
    >
      {local ? `Times: your zone (${viewerZone.replaceAll("_", " ")})` : "Show times in my time zone"}
    </button>
  );
}
