"use client";

import { useEffect, useState } from "react";

/**
 * Marks `<html data-hydrated>` once the page runs and the first round of browser-only state
 * (the "Edit in admin" link, the time-zone switch: both set in effects) has been rendered.
 * The second effect runs after the render those effects' updates are batched into, so a reader
 * (a browser test, a screenshot script) that waits for the mark sees the page as it settles.
 */
export function HydrationMarker() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    if (!mounted) setMounted(true);
    else document.documentElement.dataset.hydrated = "";
  }, [mounted]);
  return null;
}
