"use client";

import { useEffect, useState } from "react";
import { hasStaffHint } from "@/lib/auth/staff-hint.ts";

/**
 * "Edit in admin", shown only in browsers signed in to the admin. Decided here, in the browser,
 * from a hint cookie: the server renders nothing, so the page's HTML stays the same for everyone
 * and stays cacheable.
 */
export function EditInAdminLink({ href }: { href: string }) {
  const [staff, setStaff] = useState(false);
  useEffect(() => setStaff(hasStaffHint(document.cookie)), []);
  if (!staff) return null;
  return (
    <a
      href={href}
      className="rounded-md border border-gray-300 px-2 py-0.5 text-sm text-indigo-700 hover:underline dark:border-gray-600 dark:text-indigo-300"
    >
      Edit in admin
    </a>
  );
}
