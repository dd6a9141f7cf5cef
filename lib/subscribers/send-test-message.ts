import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError, NotFoundError, parseInput } from "../errors.ts";
import { queueNotification } from "../notifications/queue-notification.ts";
import { subscriberIdSchema } from "./remove-subscriber.ts";

/** Queues a test message to one team channel, so staff can see it arrive. */
export async function sendTestMessage(options: { db: Db; actor: Actor; input: { subscriberId: string } }): Promise<string> {
  const { subscriberId } = parseInput(subscriberIdSchema, options.input);
  return inTransaction(options.db, async (tx) => {
    const actor = await authorize(tx, options.actor, "subscriber.manage");
    const subscriber = await tx.subscriber.findUnique({ where: { id: subscriberId }, select: { team: true, state: true } });
    if (!subscriber?.team) throw new NotFoundError("This team channel was removed.");
    if (subscriber.state !== "active") throw new InvalidError("This channel is disabled: re-enable it first.");
    const notificationId = await queueNotification(tx, { kind: "test", subscriberId });
    await writeAudit(tx, { actor, action: "team_channel.tested", targetType: "subscriber", targetId: subscriberId });
    return notificationId;
  });
}
