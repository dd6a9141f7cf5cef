"use client";

import { signOut } from "next-auth/react";
import { staffHintCookie } from "@/lib/auth/staff-hint.ts";
import { withBase } from "@/lib/urls/base-path.ts";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => {
        // biome-ignore lint/suspicious/noDocumentCookie: not every browser has the Cookie Store API
        document.cookie = staffHintCookie(false);
        void signOut({ callbackUrl: withBase("/admin/sign-in") });
      }}
      className="rounded-md border border-gray-300 px-3 py-1 hover:bg-gray-100 dark:border-gray-600 dark:hover:bg-gray-800"
    >
      Sign out
    </button>
  );
}
