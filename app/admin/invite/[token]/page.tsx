import type { Metadata } from "next";
import { getDb } from "@/lib/db/client.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { findUsableInvitation } from "@/lib/users/invitations-accept.ts";
import { AcceptInvitationForm } from "./accept-form.tsx";

export const metadata: Metadata = { title: "Join the staff", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findUsableInvitation(getDb(), token);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-bold">Join the status page staff</h1>
      {invitation ? (
        <>
          <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
            You were invited as {invitation.role} with <span className="font-semibold">{invitation.email}</span>. Choose your name
            and password.
          </p>
          <AcceptInvitationForm token={token} email={invitation.email} />
        </>
      ) : (
        <p
          role="alert"
          className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          This invitation link has expired, was used already or was withdrawn. Ask an admin for a new one, or{" "}
          <a href={withBase("/admin/sign-in")} className="underline">
            sign in
          </a>{" "}
          if you have an account.
        </p>
      )}
    </main>
  );
}
