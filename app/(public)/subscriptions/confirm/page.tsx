import type { Metadata } from "next";
import { PageFooter, PageHeader } from "@/components/status/page-header.tsx";
import { getDb } from "@/lib/db/client.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { subscriptionProblem } from "@/lib/subscribers/problems.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { confirmAction } from "../actions.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm your subscription", robots: { index: false } };

// The link in the confirmation mail opens this page; confirming takes a press of the button, so a
// mail scanner that opens every link does not subscribe anyone.
export default async function ConfirmPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [page, params] = await Promise.all([getPageSettings(getDb()), searchParams]);
  const token = typeof params.token === "string" ? params.token : "";
  const error = subscriptionProblem(params.error);
  return (
    <>
      <PageHeader page={page} />
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-semibold">Confirm your subscription</h1>
        {params.done ? (
          <p role="status">You are subscribed to {page.name} status updates. Every message has a link to change or end it.</p>
        ) : error ? (
          <p role="alert" className="text-red-800 dark:text-red-300">
            {error}{" "}
            <a className="underline" href={withBase("/subscribe")}>
              Subscribe again
            </a>
          </p>
        ) : (
          <form action={confirmAction} className="space-y-4">
            <input type="hidden" name="token" value={token} />
            <p>Press the button to start receiving {page.name} status updates by email.</p>
            <button type="submit" className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800">
              Confirm subscription
            </button>
          </form>
        )}
      </main>
      <PageFooter page={page} generatedAt={new Date()} />
    </>
  );
}
