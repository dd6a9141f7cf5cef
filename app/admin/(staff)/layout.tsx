import Link from "next/link";
import type { ReactNode } from "react";
import { type Action, can } from "@/lib/auth/policy.ts";
import { currentStaff } from "@/lib/auth/require-staff.ts";
import { SignOutButton } from "./sign-out-button.tsx";
import { StaffHint } from "./staff-hint.tsx";

export const dynamic = "force-dynamic";

/** Links shown only to staff the policy lets do what the page is for. */
const ADMIN_LINKS: { href: string; label: string; action: Action }[] = [
  { href: "/admin/staff", label: "Staff", action: "staff.manage" },
  { href: "/admin/subscribers", label: "Subscribers", action: "subscriber.manage" },
  { href: "/admin/settings", label: "Settings", action: "page.settings" },
  { href: "/admin/api-keys", label: "API keys", action: "apiKey.manage" },
  { href: "/admin/alerts", label: "Alerts", action: "alert.mapping" },
];

/**
 * The staff pages' frame. Its check only decides what it shows: every page checks the session
 * itself and redirects to sign-in (a client-side navigation renders the page without this
 * layout, so a check here protects nothing), and so does every server action.
 * e2e/admin-read-guard.spec.ts fails for a staff page it does not try.
 */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const staff = await currentStaff();
  // Each page redirects to sign-in itself, with its own path to come back to.
  if (!staff) return children;
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-gray-900"
      >
        Skip to content
      </a>
      <header className="border-b border-gray-200 bg-white dark:border-gray-800 dark:bg-gray-900">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/admin" className="font-bold">
            Upstate admin
          </Link>
          <nav aria-label="Admin" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <Link href="/admin" className="hover:underline">
              Incidents
            </Link>
            <Link href="/admin/maintenance" className="hover:underline">
              Maintenance
            </Link>
            <Link href="/admin/templates" className="hover:underline">
              Templates
            </Link>
            <Link href="/admin/components" className="hover:underline">
              Components
            </Link>
            {ADMIN_LINKS.filter((link) => can(staff, link.action)).map((link) => (
              <Link key={link.href} href={link.href} className="hover:underline">
                {link.label}
              </Link>
            ))}
            <Link href="/admin/audit" className="hover:underline">
              Audit log
            </Link>
            <Link href="/" className="hover:underline">
              Public page
            </Link>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <Link href="/admin/account" className="text-gray-600 hover:underline dark:text-gray-400">
              {staff.email} ({staff.role})
            </Link>
            <StaffHint />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
