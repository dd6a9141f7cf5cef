import type { Db, DbOrTx } from "../db/client.ts";
import { inTransaction } from "../db/client.ts";
import { InvalidError, NotFoundError, parseInput } from "../errors.ts";
import { subscriptionScope } from "./schemas.ts";
import { hashToken } from "./tokens.ts";

// What a subscriber does from the links in their messages: confirm, change components,
// unsubscribe. No account: the link's token is the key, looked up by its hash.

const LINK_INVALID = "This link is not valid any more. If you are still subscribed, use the link in your latest message.";

/** The subscriber a manage link names, or null. */
export function findByManageToken(db: DbOrTx, token: string) {
  if (!token || token.length > 200) return Promise.resolve(null);
  return db.subscriber.findUnique({ where: { manageTokenHash: hashToken(token) } });
}

/** Follows a confirmation link: the address becomes active. Expired or unknown links say so. */
export async function confirmSubscription(options: {
  db: Db;
  token: string;
  now?: Date;
}): Promise<{ id: string; target: string }> {
  const now = options.now ?? new Date();
  if (!options.token || options.token.length > 200) throw new NotFoundError(LINK_INVALID);
  return inTransaction(options.db, async (tx) => {
    const subscriber = await tx.subscriber.findUnique({ where: { confirmTokenHash: hashToken(options.token) } });
    if (!subscriber) throw new NotFoundError(LINK_INVALID);
    if (!subscriber.confirmExpiresAt || subscriber.confirmExpiresAt < now) {
      throw new InvalidError(
        "This confirmation link has expired (links are valid for 7 days). Subscribe again to get a new one.",
      );
    }
    await tx.subscriber.update({
      where: { id: subscriber.id },
      data: { state: "active", confirmedAt: now, confirmTokenHash: null, confirmExpiresAt: null },
    });
    return { id: subscriber.id, target: subscriber.target };
  });
}

/** One-click unsubscribe (RFC 8058) and the manage page's button: the subscriber is removed. */
export async function unsubscribe(options: { db: Db; token: string }): Promise<boolean> {
  const subscriber = await findByManageToken(options.db, options.token);
  if (!subscriber || subscriber.team) return false;
  await options.db.subscriber.deleteMany({ where: { id: subscriber.id } });
  return true;
}

/** Changes what a subscriber hears about: the whole page, or some components and groups. */
export async function changeSubscription(options: {
  db: Db;
  token: string;
  input: { componentIds?: string[]; groupIds?: string[] };
}): Promise<void> {
  const input = parseInput(subscriptionScope, options.input);
  const subscriber = await findByManageToken(options.db, options.token);
  if (!subscriber || subscriber.team) throw new NotFoundError(LINK_INVALID);
  const [components, groups] = await Promise.all([
    options.db.component.count({ where: { id: { in: input.componentIds } } }),
    options.db.componentGroup.count({ where: { id: { in: input.groupIds } } }),
  ]);
  if (components !== new Set(input.componentIds).size || groups !== new Set(input.groupIds).size) {
    throw new InvalidError("Some fields need attention.", { components: "Choose components from the list." });
  }
  await options.db.subscriber.update({
    where: { id: subscriber.id },
    data: {
      wholePage: input.componentIds.length === 0 && input.groupIds.length === 0,
      componentIds: [...new Set(input.componentIds)],
      groupIds: [...new Set(input.groupIds)],
    },
  });
}
