"use client";

import { useEffect } from "react";
import { staffHintCookie } from "@/lib/auth/staff-hint.ts";

/** Marks this browser as signed in to the admin, for public pages' "Edit in admin" links. */
export function StaffHint() {
  useEffect(() => {
    // biome-ignore lint/suspicious/noDocumentCookie: not every browser has the Cookie Store API
    document.cookie = staffHintCookie(true);
  }, []);
  return null;
}
