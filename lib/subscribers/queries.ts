import { groupOrder, topLevelOrder } from "../components/page-order.ts";
import type { DbOrTx } from "../db/client.ts";
import { SUBSCRIBER_CHANNELS, type SubscriberChannel } from "./schemas.ts";
import { emailConfigured } from "./subscribe.ts";

export type ScopeChoice =
  | { kind: "component"; id: string; name: string }
  | { kind: "group"; id: string; name: string; components: { id: string; name: string }[] };

/** What the subscribe form offers: the open channels, and the components in page order. */
export async function getSubscribeOptions(db: DbOrTx): Promise<{ channels: SubscriberChannel[]; choices: ScopeChoice[] }> {
  const settings = await db.pageSettings.findUnique({ where: { id: 1 }, select: { subscribeChannels: true } });
  const open = new Set(settings?.subscribeChannels ?? []);
  const channels = SUBSCRIBER_CHANNELS.filter((channel) => open.has(channel) && (channel !== "email" || emailConfigured()));
  const choices: ScopeChoice[] = [];
  for (const item of await topLevelOrder(db)) {
    if (item.kind === "component") choices.push({ kind: "component", id: item.id, name: item.name });
    else {
      const components = (await groupOrder(db, item.id)).map((c) => ({ id: c.id, name: c.name }));
      choices.push({ kind: "group", id: item.id, name: item.name, components });
    }
  }
  return { channels, choices };
}
