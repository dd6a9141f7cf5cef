import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import type { DbOrTx } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { SUBSCRIBER_CHANNELS, type SubscriberChannel } from "./schemas.ts";

export const SUBSCRIBER_STATES = ["pending", "active", "disabled"] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];

/** The list shows at most this many rows; a search narrows it down. */
export const LIST_LIMIT = 200;

export type SubscriberRow = {
  id: string;
  channel: SubscriberChannel;
  target: string;
  state: SubscriberState;
  team: boolean;
  label: string | null;
  wholePage: boolean;
  confirmedAt: Date | null;
  createdAt: Date;
  failureCount: number;
  lastError: string | null;
  disabledReason: string | null;
};

const ROW_FIELDS = {
  id: true,
  channel: true,
  target: true,
  state: true,
  team: true,
  label: true,
  wholePage: true,
  confirmedAt: true,
  createdAt: true,
  failureCount: true,
  lastError: true,
  disabledReason: true,
} satisfies Prisma.SubscriberSelect;

export type SubscriberCounts = Record<SubscriberChannel, Record<SubscriberState, number>>;

/** Subscribers by channel and state (public subscribers only: team channels are listed apart). */
export async function countSubscribers(options: { db: DbOrTx; actor: Actor }): Promise<SubscriberCounts> {
  await authorize(options.db, options.actor, "subscriber.manage");
  const groups = await options.db.subscriber.groupBy({ by: ["channel", "state"], where: { team: false }, _count: true });
  const counts = Object.fromEntries(
    SUBSCRIBER_CHANNELS.map((channel) => [channel, { pending: 0, active: 0, disabled: 0 }]),
  ) as SubscriberCounts;
  for (const group of groups) counts[group.channel][group.state] = group._count;
  return counts;
}

/** Public subscribers whose address or URL contains `search` (any case), newest first. */
export async function listSubscribers(options: {
  db: DbOrTx;
  actor: Actor;
  search?: string;
  state?: SubscriberState;
}): Promise<{ rows: SubscriberRow[]; more: boolean }> {
  await authorize(options.db, options.actor, "subscriber.manage");
  const search = options.search?.trim().slice(0, 200);
  const rows = await options.db.subscriber.findMany({
    where: {
      team: false,
      ...(search ? { target: { contains: search, mode: "insensitive" } } : {}),
      ...(options.state ? { state: options.state } : {}),
    },
    select: ROW_FIELDS,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: LIST_LIMIT + 1,
  });
  return { rows: rows.slice(0, LIST_LIMIT), more: rows.length > LIST_LIMIT };
}

/** The team's own channels, which receive everything. */
export async function listTeamChannels(options: { db: DbOrTx; actor: Actor }): Promise<SubscriberRow[]> {
  await authorize(options.db, options.actor, "subscriber.manage");
  return options.db.subscriber.findMany({ where: { team: true }, select: ROW_FIELDS, orderBy: [{ createdAt: "asc" }] });
}

const CSV_COLUMNS = [
  "id",
  "channel",
  "target",
  "state",
  "whole_page",
  "component_ids",
  "group_ids",
  "confirmed_at",
  "created_at",
  "failure_count",
  "disabled_reason",
] as const;

/**
 * One CSV cell. A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe, since addresses and reasons come from strangers.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Every public subscriber as CSV (no signing secrets, no token hashes). */
export async function exportSubscribersCsv(options: { db: DbOrTx; actor: Actor }): Promise<string> {
  await authorize(options.db, options.actor, "subscriber.manage");
  const rows = await options.db.subscriber.findMany({ where: { team: false }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of rows) {
    const cells = [
      row.id,
      row.channel,
      row.target,
      row.state,
      String(row.wholePage),
      row.componentIds.join(" "),
      row.groupIds.join(" "),
      row.confirmedAt?.toISOString() ?? "",
      row.createdAt.toISOString(),
      String(row.failureCount),
      row.disabledReason ?? "",
    ];
    lines.push(cells.map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
