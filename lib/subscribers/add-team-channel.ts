import { z } from "zod";
import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import type { Db } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { endpointUrl } from "./schemas.ts";
import { createSubscriber, endpointProblem } from "./subscribe.ts";
import { newSigningSecret } from "./tokens.ts";

export const TEAM_CHANNELS = ["slack", "discord", "teams", "webhook"] as const;

export const addTeamChannelSchema = z.object({
  channel: z.enum(TEAM_CHANNELS, { error: "Choose where to send." }),
  url: endpointUrl,
  label: z.string().trim().min(1, "Name the channel, such as #incidents.").max(100, "Keep the name under 100 characters."),
});
export type AddTeamChannelInput = z.input<typeof addTeamChannelSchema>;

/**
 * A destination of the staff's own that receives every notification, whatever the subscribers
 * chose. Active at once: an admin added it. A webhook gets a signing secret, shown once: a retried
 * submission (the same idempotency key) adds nothing more and gets `retried: true`, no secret.
 */
export async function addTeamChannel(options: {
  db: Db;
  actor: Actor;
  input: AddTeamChannelInput;
  now?: Date;
  idempotency?: IdempotencyKey;
}): Promise<{ subscriberId: string; signingSecret: string | null; retried: boolean }> {
  const input = parseInput(addTeamChannelSchema, options.input);
  const problem = endpointProblem(input.channel, input.url);
  if (problem) throw new InvalidError("Some fields need attention.", { url: problem });
  let signingSecret: string | null = null;
  let added = false;
  const once = { idempotency: options.idempotency, operation: "team_channel.add", input };
  const { subscriberId } = await inTransactionOnce(options.db, once, async (tx) => {
    const actor = await authorize(tx, options.actor, "subscriber.manage");
    const existing = await tx.subscriber.findUnique({
      where: { channel_target_team: { channel: input.channel, target: input.url, team: true } },
    });
    if (existing) throw new InvalidError("Some fields need attention.", { url: "This URL is a team channel already." });
    signingSecret = input.channel === "webhook" ? newSigningSecret() : null;
    const subscriber = await createSubscriber(tx, {
      channel: input.channel,
      target: input.url,
      team: true,
      label: input.label,
      state: "active",
      confirmedAt: options.now ?? new Date(),
      wholePage: true,
      signingSecret,
    });
    await writeAudit(tx, {
      actor,
      action: "team_channel.added",
      targetType: "subscriber",
      targetId: subscriber.id,
      after: { channel: input.channel, label: input.label },
    });
    added = true;
    // The secret is not part of the answer a retry gets back (kept with the idempotency key).
    return { subscriberId: subscriber.id };
  });
  return { subscriberId, signingSecret: added ? signingSecret : null, retried: !added };
}
