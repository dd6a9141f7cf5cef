import type { Metadata } from "next";
import { PageFooter, PageHeader } from "@/components/status/page-header.tsx";
import { SubscribeForm } from "@/components/status/subscribe-form.tsx";
import { getPublicDb } from "@/lib/db/read-replica.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { getSubscribeOptions } from "@/lib/subscribers/queries.ts";
import { CHANNEL_LABELS, SUBSCRIBER_CHANNELS } from "@/lib/subscribers/schemas.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { subscribeAction } from "./actions.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Subscribe to updates" };

export default async function SubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const db = await getPublicDb();
  const [page, options, params] = await Promise.all([getPageSettings(db), getSubscribeOptions(db), searchParams]);
  const asked = SUBSCRIBER_CHANNELS.find((c) => c === params.channel);
  const channel = asked && options.channels.includes(asked) ? asked : options.channels[0];
  return (
    <>
      <PageHeader page={page} />
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-semibold">Subscribe to {page.name} status updates</h1>
        {channel ? (
          <>
            <nav aria-label="Channels" className="flex flex-wrap gap-2">
              {options.channels.map((c) => (
                <a
                  key={c}
                  href={withBase(`/subscribe?channel=${c}`)}
                  aria-current={c === channel ? "page" : undefined}
                  className="rounded-full border border-gray-300 px-3 py-1 text-sm aria-[current=page]:border-indigo-700 aria-[current=page]:bg-indigo-700 aria-[current=page]:text-white dark:border-gray-600"
                >
                  {CHANNEL_LABELS[c]}
                </a>
              ))}
            </nav>
            <SubscribeForm key={channel} action={subscribeAction} channel={channel} choices={options.choices} />
          </>
        ) : (
          <p>This page offers no subscriptions. Follow it with the feeds instead.</p>
        )}
        <p className="text-sm text-gray-600 dark:text-gray-400">
          Or follow the{" "}
          <a className="underline" href={withBase("/history.atom")}>
            Atom
          </a>{" "}
          or{" "}
          <a className="underline" href={withBase("/history.rss")}>
            RSS
          </a>{" "}
          feed.
        </p>
      </main>
      <PageFooter page={page} generatedAt={new Date()} />
    </>
  );
}
