import { z } from "zod";
import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";

export const subscriberIdSchema = z.object({ subscriberId: z.string().min(1, "Choose a subscriber.").max(40) });

/** Removes a subscriber or team channel, with its deliveries. */
export async function removeSubscriber(options: { db: Db; actor: Actor; input: { subscriberId: string } }): Promise<void> {
  const { subscriberId } = parseInput(subscriberIdSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    const actor = await authorize(tx, options.actor, "subscriber.manage");
    const before = await tx.subscriber.findUnique({
      where: { id: subscriberId },
      select: { id: true, channel: true, target: true, state: true, team: true, label: true },
    });
    if (!before) throw new NotFoundError("This subscriber was removed already.");
    await tx.subscriber.delete({ where: { id: subscriberId } });
    await writeAudit(tx, {
      actor,
      action: before.team ? "team_channel.removed" : "subscriber.removed",
      targetType: "subscriber",
      targetId: subscriberId,
      before,
    });
  });
}
