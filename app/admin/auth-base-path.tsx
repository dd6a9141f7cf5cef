"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { withBase } from "@/lib/urls/base-path.ts";

/**
 * next-auth's browser helpers (signIn, signOut) find its routes under this provider's base path;
 * left alone they would ask `/api/auth` at the host's root, wrong under a path (`/status`).
 */
export function AuthBasePath({ children }: { children: ReactNode }) {
  return (
    <SessionProvider basePath={withBase("/api/auth")} refetchOnWindowFocus={false}>
      {children}
    </SessionProvider>
  );
}
