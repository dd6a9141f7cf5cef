import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError, NotFoundError, parseInput } from "../errors.ts";
import { subscriberIdSchema } from "./remove-subscriber.ts";

/**
 * Gives an endpoint disabled after repeated failures another chance: it is active again with its
 * failure count reset, so it is disabled again only after as many new failures.
 */
export async function reenableSubscriber(options: { db: Db; actor: Actor; input: { subscriberId: string } }): Promise<void> {
  const { subscriberId } = parseInput(subscriberIdSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    const actor = await authorize(tx, options.actor, "subscriber.manage");
    const [before] = await tx.$queryRaw<{ state: string; disabledReason: string | null }[]>`
      SELECT state::text, "disabledReason" FROM "Subscriber" WHERE id = ${subscriberId} FOR UPDATE`;
    if (!before) throw new NotFoundError("This subscriber was removed.");
    if (before.state !== "disabled") throw new InvalidError("This subscriber is not disabled.");
    await tx.subscriber.update({
      where: { id: subscriberId },
      data: { state: "active", failureCount: 0, failingSince: null, disabledReason: null, lastError: null },
    });
    await writeAudit(tx, {
      actor,
      action: "subscriber.reenabled",
      targetType: "subscriber",
      targetId: subscriberId,
      before,
      after: { state: "active" },
    });
  });
}
