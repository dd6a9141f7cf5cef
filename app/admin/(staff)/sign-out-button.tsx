"use client";

import { signOut } from "next-auth/react";
import { withBase } from "@/lib/urls/base-path.ts";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: withBase("/admin/sign-in") })}
      className="rounded-md border border-gray-300 px-3 py-1 hover:bg-gray-100 dark:border-gray-600 dark:hover:bg-gray-800"
    >
      Sign out
    </button>
  );
}
