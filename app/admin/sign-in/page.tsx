import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EMAIL_NOT_VERIFIED_ERROR, signInErrorMessage } from "@/lib/auth/errors.ts";
import { ssoEnabled } from "@/lib/auth/options.ts";
import { currentStaff } from "@/lib/auth/require-staff.ts";
import { adminCallbackPath } from "@/lib/auth/safe-callback-url.ts";
import { SignInForm } from "./sign-in-form.tsx";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** What the sign-in page says when single sign-on came back refused, by next-auth's `error`. */
const REFUSALS: Record<string, string> = {
  AccessDenied: "Single sign-on worked, but that account may not enter here. Ask an admin for access.",
  [EMAIL_NOT_VERIFIED_ERROR]:
    "Your identity provider has not verified that email address, so it cannot be used to sign in here. Verify it with your provider, or sign in with your password.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = adminCallbackPath(one(params.callbackUrl));
  if (await currentStaff()) redirect(callbackUrl);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-bold">Sign in to Upstate</h1>
      <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">For staff who post incidents and updates.</p>
      {one(params.joined) ? (
        <p
          role="status"
          className="mt-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-800 dark:border-green-800 dark:bg-green-950 dark:text-green-200"
        >
          Your account is ready. Sign in with your email and the password you chose.
        </p>
      ) : null}
      <SignInForm
        callbackUrl={callbackUrl}
        sso={ssoEnabled()}
        refused={REFUSALS[one(params.error) ?? ""] ?? signInErrorMessage(one(params.error))}
      />
    </main>
  );
}
