import type { Metadata } from "next";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { Card } from "@/components/admin/card.tsx";
import { SmtpNote } from "@/components/admin/smtp-note.tsx";
import { requireAdminPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import {
  countSubscribers,
  LIST_LIMIT,
  listSubscribers,
  listTeamChannels,
  SUBSCRIBER_STATES,
  type SubscriberRow,
} from "@/lib/subscribers/admin-queries.ts";
import { CHANNEL_LABELS, SUBSCRIBER_CHANNELS } from "@/lib/subscribers/schemas.ts";
import { emailConfigured } from "@/lib/subscribers/subscribe.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import {
  AddTeamChannelForm,
  ImportEmailsForm,
  ReenableForm,
  RemoveSubscriberForm,
  TestMessageForm,
} from "./subscriber-forms.tsx";

export const metadata: Metadata = { title: "Subscribers" };

const STATE_LABELS = { pending: "Pending confirmation", active: "Active", disabled: "Disabled" } as const;
const MUTED = "text-sm text-gray-600 dark:text-gray-400";
const LIST =
  "divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white dark:divide-gray-800 dark:border-gray-800 dark:bg-gray-900";

export default async function SubscribersPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const staff = await requireAdminPage("/admin/subscribers");
  const { q } = await searchParams;
  const search = (typeof q === "string" ? q : "").trim().slice(0, 200);
  const db = getDb();
  const [counts, list, teamChannels, page] = await Promise.all([
    countSubscribers({ db, actor: staff }),
    listSubscribers({ db, actor: staff, search }),
    listTeamChannels({ db, actor: staff }),
    getPageSettings(db),
  ]);
  const disabled = list.rows.filter((row) => row.state === "disabled");
  const total = SUBSCRIBER_CHANNELS.reduce(
    (sum, channel) => sum + SUBSCRIBER_STATES.reduce((inner, state) => inner + counts[channel][state], 0),
    0,
  );

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Subscribers</h1>
      {emailConfigured() ? null : <SmtpNote />}

      <Card id="counts" title={`Subscribers by channel (${total})`}>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-gray-200 dark:border-gray-800">
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Channel
                </th>
                {SUBSCRIBER_STATES.map((state) => (
                  <th key={state} scope="col" className="py-2 pr-4 text-right font-semibold">
                    {STATE_LABELS[state]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {SUBSCRIBER_CHANNELS.map((channel) => (
                <tr key={channel} className="border-b border-gray-100 last:border-0 dark:border-gray-800">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    {CHANNEL_LABELS[channel]}
                  </th>
                  {SUBSCRIBER_STATES.map((state) => (
                    <td key={state} className="py-2 pr-4 text-right tabular-nums" data-testid={`count-${channel}-${state}`}>
                      {counts[channel][state]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <section aria-labelledby="list" className="space-y-3">
        <h2 id="list" className="text-lg font-semibold">
          {search ? `Subscribers matching “${search}”` : "Newest subscribers"}
        </h2>
        <div className="flex flex-wrap items-end gap-3">
          <search>
            <form method="get" className="flex flex-wrap items-end gap-2">
              <div>
                <label htmlFor="subscriber-search" className="block text-sm font-medium">
                  Search by address or URL
                </label>
                <input
                  id="subscriber-search"
                  name="q"
                  type="search"
                  defaultValue={search}
                  className="mt-1 block w-64 max-w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-base text-gray-900 shadow-sm dark:border-gray-600 dark:bg-gray-900 dark:text-gray-100"
                />
              </div>
              <button type="submit" className={buttonClass("plain")}>
                Search
              </button>
            </form>
          </search>
          <a href="/admin/subscribers/export" className={`${buttonClass("plain")} ml-auto`} download>
            Export CSV
          </a>
        </div>
        {disabled.length > 0 ? (
          <p className={MUTED}>
            {disabled.length} endpoint{disabled.length === 1 ? " was" : "s were"} disabled after failing repeatedly: see the
            reason under each, and re-enable once it is fixed.
          </p>
        ) : null}
        {list.rows.length === 0 ? (
          <p className={MUTED}>{search ? "No subscriber matches." : "No subscribers yet."}</p>
        ) : (
          <ul className={LIST} aria-label="Subscribers">
            {list.rows.map((row) => (
              <SubscriberItem key={row.id} row={row} timeZone={page.timeZone} />
            ))}
          </ul>
        )}
        {list.more ? <p className={MUTED}>Showing the newest {LIST_LIMIT}: search to find others.</p> : null}
      </section>

      <Card id="import" title="Import email subscribers">
        <ImportEmailsForm />
      </Card>

      <Card id="team-channels" title="Team channels">
        <p className={`${MUTED} mb-3`}>
          Your own Slack, Discord, Teams or webhook destinations. They receive every notification, whichever channels the public
          may use.
        </p>
        {teamChannels.length === 0 ? (
          <p className={`${MUTED} mb-4`}>No team channels yet.</p>
        ) : (
          <ul className={`${LIST} mb-4`} aria-label="Team channels">
            {teamChannels.map((row) => (
              <li key={row.id} className="space-y-2 p-4">
                <p className="break-all">
                  <span className="font-semibold">{row.label}</span> · {CHANNEL_LABELS[row.channel]} · {STATE_LABELS[row.state]}
                  <span className={`block ${MUTED}`}>{row.target}</span>
                </p>
                {row.disabledReason ? <p className="text-sm text-red-700 dark:text-red-400">{row.disabledReason}</p> : null}
                <div className="flex flex-wrap items-start gap-4">
                  {row.state === "disabled" ? <ReenableForm subscriberId={row.id} /> : <TestMessageForm subscriberId={row.id} />}
                  <RemoveSubscriberForm subscriberId={row.id} target={row.label ?? row.target} />
                </div>
              </li>
            ))}
          </ul>
        )}
        <h3 className="mb-2 font-semibold">Add a team channel</h3>
        <AddTeamChannelForm />
      </Card>
    </div>
  );
}

function SubscriberItem({ row, timeZone }: { row: SubscriberRow; timeZone: string }) {
  return (
    <li className="space-y-2 p-4">
      <p className="break-all">
        <span className="font-semibold">{row.target}</span> · {CHANNEL_LABELS[row.channel]} · {STATE_LABELS[row.state]}
        {row.wholePage ? "" : " · some components"}
        <span className={`block ${MUTED}`}>
          {row.confirmedAt
            ? `subscribed ${formatInstant(row.confirmedAt, timeZone)}`
            : `asked ${formatInstant(row.createdAt, timeZone)}`}
          {row.failureCount > 0 ? ` · ${row.failureCount} failed deliveries` : ""}
        </span>
      </p>
      {row.state === "disabled" ? (
        <p className="text-sm text-red-700 dark:text-red-400">
          Disabled: {row.disabledReason ?? row.lastError ?? "it kept failing."}
        </p>
      ) : null}
      <div className="flex flex-wrap items-start gap-4">
        {row.state === "disabled" ? <ReenableForm subscriberId={row.id} /> : null}
        <RemoveSubscriberForm subscriberId={row.id} target={row.target} />
      </div>
    </li>
  );
}
