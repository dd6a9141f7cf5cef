import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AuthBasePath } from "./auth-base-path.tsx";

export const metadata: Metadata = {
  title: { default: "Admin - Upstate", template: "%s - Upstate admin" },
  robots: { index: false },
};

export default function AdminRootLayout({ children }: { children: ReactNode }) {
  return <AuthBasePath>{children}</AuthBasePath>;
}
