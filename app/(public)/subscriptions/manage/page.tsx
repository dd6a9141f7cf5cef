import type { Metadata } from "next";
import { PageFooter, PageHeader } from "@/components/status/page-header.tsx";
import { getDb } from "@/lib/db/client.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { findByManageToken } from "@/lib/subscribers/manage-subscription.ts";
import { subscriptionProblem } from "@/lib/subscribers/problems.ts";
import { getSubscribeOptions } from "@/lib/subscribers/queries.ts";
import { CHANNEL_LABELS } from "@/lib/subscribers/schemas.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { changeAction, unsubscribeAction } from "../actions.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Manage your subscription", robots: { index: false } };

export default async function ManagePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const db = getDb();
  const params = await searchParams;
  const token = typeof params.token === "string" ? params.token : "";
  const [page, subscriber, options] = await Promise.all([
    getPageSettings(db),
    findByManageToken(db, token),
    getSubscribeOptions(db),
  ]);
  const error = subscriptionProblem(params.error);
  const chosen = new Set([...(subscriber?.componentIds ?? []), ...(subscriber?.groupIds ?? [])]);
  return (
    <>
      <PageHeader page={page} />
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-semibold">Your subscription</h1>
        {params.unsubscribed ? (
          <p role="status">
            You are unsubscribed: nothing more will be sent.{" "}
            <a className="underline" href={withBase("/subscribe")}>
              Subscribe again
            </a>
          </p>
        ) : !subscriber || subscriber.team ? (
          <p role="alert">This link is not valid any more. If you are still subscribed, use the link in your latest message.</p>
        ) : (
          <>
            <p>
              {CHANNEL_LABELS[subscriber.channel]}: <strong className="break-all">{subscriber.target}</strong>
              {subscriber.state === "pending"
                ? " (waiting for you to confirm)"
                : subscriber.state === "disabled"
                  ? " (paused: the endpoint kept failing)"
                  : ""}
            </p>
            {params.saved ? <p role="status">Saved.</p> : null}
            {error ? (
              <p role="alert" className="text-red-800 dark:text-red-300">
                {error}
              </p>
            ) : null}
            <form action={changeAction} className="space-y-4">
              <input type="hidden" name="token" value={token} />
              <fieldset className="space-y-2">
                <legend className="font-medium">Components</legend>
                <p className="text-sm text-gray-600 dark:text-gray-400">Leave every box empty to hear about everything.</p>
                <ul className="space-y-2">
                  {options.choices.map((choice) => (
                    <li key={choice.id}>
                      <label className={`flex items-center gap-2 ${choice.kind === "group" ? "font-medium" : ""}`}>
                        <input
                          type="checkbox"
                          name={choice.kind}
                          value={choice.id}
                          defaultChecked={chosen.has(choice.id)}
                          className="size-4"
                        />
                        {choice.name}
                        {choice.kind === "group" ? " (the whole group)" : ""}
                      </label>
                      {choice.kind === "group" ? (
                        <ul className="mt-1 ml-6 space-y-1">
                          {choice.components.map((component) => (
                            <li key={component.id}>
                              <label className="flex items-center gap-2">
                                <input
                                  type="checkbox"
                                  name="component"
                                  value={component.id}
                                  defaultChecked={chosen.has(component.id)}
                                  className="size-4"
                                />
                                {component.name}
                              </label>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </fieldset>
              <button type="submit" className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800">
                Save
              </button>
            </form>
            <form action={unsubscribeAction}>
              <input type="hidden" name="token" value={token} />
              <button
                type="submit"
                className="rounded-md border border-red-300 px-4 py-2 font-medium text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
              >
                Unsubscribe
              </button>
            </form>
          </>
        )}
      </main>
      <PageFooter page={page} generatedAt={new Date()} />
    </>
  );
}
