"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { withBase } from "@/lib/urls/base-path.ts";

/**
 * next-auth's browser helpers (signIn, signOut) find its routes under this provider's base path;
 * left alone they would ask `/api/auth` at the host's root, wrong under a path (`/status`).
 * No page reads the session in the browser (the server checks it), so the provider starts with
 * none instead of fetching `/api/auth/session` on every page load.
 */
export function AuthBasePath({ children }: { children: ReactNode }) {
  return (
    <SessionProvider basePath={withBase("/api/auth")} session={null} refetchOnWindowFocus={false}>
      {children}
    </SessionProvider>
  );
}
