import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ssoEnabled } from "@/lib/auth/options.ts";
import { currentStaff } from "@/lib/auth/require-staff.ts";
import { SignInForm } from "./sign-in-form.tsx";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Only admin paths: a callback elsewhere would make this page an open redirect. */
function safeCallback(raw: string | string[] | undefined): string {
  const value = one(raw);
  return value && /^\/admin(\/|$|\?)/.test(value) ? value : "/admin";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentStaff()) redirect(callbackUrl);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-bold">Sign in to Upstate</h1>
      <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">For staff who post incidents and updates.</p>
      <SignInForm callbackUrl={callbackUrl} sso={ssoEnabled()} problem={one(params.error)} />
    </main>
  );
}
