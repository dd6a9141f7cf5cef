import { randomBytes } from "node:crypto";
import type { Db, DbOrTx } from "../db/client.ts";
import { inTransaction } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import { enqueue, QUEUES } from "../jobs/queue.ts";
import { urlProblem, webhookPolicy } from "../notifications/safe-post.ts";
import { CHAT_URL_HINTS, emailAddress, type SubscribeInput, type SubscriberChannel, subscribeSchema } from "./schemas.ts";
import { confirmToken, hashToken, linkSecret, manageToken, newSigningSecret } from "./tokens.ts";

export const CONFIRM_VALID_MS = 7 * 24 * 3600_000;
/** At most one confirmation mail per address in this time. */
export const CONFIRM_RESEND_MS = 10 * 60_000;
/** Subscribe requests one client address may make per hour. */
export const SUBSCRIBES_PER_IP_PER_HOUR = 20;

export type SubscribeResult =
  | { channel: "email" }
  | { channel: Exclude<SubscriberChannel, "email">; subscriberId: string; signingSecret: string | null; manageToken: string };

/** Whether email can be offered at all: mail needs an SMTP server. */
export function emailConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.SMTP_URL);
}

/** The unit a rate limit counts: an IPv4 address, or an IPv6 /64 (one host's usual share). */
export function rateKey(ip: string): string {
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

async function checkRate(tx: DbOrTx, address: string): Promise<void> {
  const ip = rateKey(address);
  const since = new Date(Date.now() - 3600_000);
  // One request per client at a time, so a burst cannot all pass the count before the inserts.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`subscribe-rate:${ip}`}))`;
  await tx.subscribeAttempt.deleteMany({ where: { ip, at: { lt: since } } });
  const recent = await tx.subscribeAttempt.count({ where: { ip, at: { gte: since } } });
  if (recent >= SUBSCRIBES_PER_IP_PER_HOUR) {
    throw new InvalidError("Too many subscribe requests from your address. Try again in an hour.", {});
  }
  await tx.subscribeAttempt.create({ data: { ip } });
}

async function checkScope(tx: DbOrTx, input: { componentIds: string[]; groupIds: string[] }): Promise<void> {
  const [components, groups] = await Promise.all([
    tx.component.count({ where: { id: { in: input.componentIds } } }),
    tx.componentGroup.count({ where: { id: { in: input.groupIds } } }),
  ]);
  if (components !== new Set(input.componentIds).size || groups !== new Set(input.groupIds).size) {
    throw new InvalidError("Some fields need attention.", { components: "Choose components from the list." });
  }
}

export function endpointProblem(channel: SubscriberChannel, url: string): string | null {
  const policy = webhookPolicy();
  const problem = urlProblem(url, policy);
  if (problem) return problem;
  const hint = CHAT_URL_HINTS[channel];
  if (hint && !policy.allowPrivate && !hint.pattern.test(url)) return `Enter the incoming-webhook URL, such as ${hint.example}`;
  return null;
}

/**
 * A visitor subscribes. Email is double opt-in: a pending subscriber gets one confirmation mail
 * (at most one per 10 minutes) and nothing else until the link is followed; the answer is the same
 * whether or not the address was known. Webhook and chat endpoints are active at once.
 */
export async function subscribe(options: { db: Db; input: SubscribeInput; now?: Date }): Promise<SubscribeResult> {
  const input = parseInput(subscribeSchema, options.input);
  const now = options.now ?? new Date();
  const settings = await options.db.pageSettings.findUnique({ where: { id: 1 }, select: { subscribeChannels: true } });
  const open = settings?.subscribeChannels ?? [];
  if (!open.includes(input.channel) || (input.channel === "email" && !emailConfigured())) {
    throw new InvalidError("Some fields need attention.", { channel: "This page does not offer that channel." });
  }
  const wholePage = input.componentIds.length === 0 && input.groupIds.length === 0;
  const scope = { wholePage, componentIds: [...new Set(input.componentIds)], groupIds: [...new Set(input.groupIds)] };

  if (input.channel === "email") {
    const parsed = emailAddress.safeParse(input.target);
    if (!parsed.success)
      throw new InvalidError("Some fields need attention.", {
        target: parsed.error.issues[0]?.message ?? "Enter an email address.",
      });
    const email = parsed.data;
    await inTransaction(options.db, async (tx) => {
      await checkRate(tx, input.ip);
      await checkScope(tx, scope);
      // Serialises two requests for the same address, so only one confirmation goes out.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`subscribe:${email}`}))`;
      const existing = await tx.subscriber.findUnique({
        where: { channel_target_team: { channel: "email", target: email, team: false } },
      });
      if (existing && existing.state !== "pending") return; // already subscribed: nothing changes, nothing is said
      if (existing?.confirmationSentAt && now.getTime() - existing.confirmationSentAt.getTime() < CONFIRM_RESEND_MS) return;
      const fields = {
        ...scope,
        confirmTokenHash: hashToken(confirmToken(await linkSecret(tx), email, now)),
        confirmExpiresAt: new Date(now.getTime() + CONFIRM_VALID_MS),
        confirmationSentAt: now,
      };
      const subscriber = existing
        ? await tx.subscriber.update({ where: { id: existing.id }, data: fields })
        : await createSubscriber(tx, { channel: "email", target: email, state: "pending", ...fields });
      await enqueue(tx, QUEUES.email, { type: "confirm", subscriberId: subscriber.id });
    });
    return { channel: "email" };
  }

  const url = input.target.trim();
  const problem = endpointProblem(input.channel, url);
  if (problem) throw new InvalidError("Some fields need attention.", { target: problem });
  const channel = input.channel;
  return inTransaction(options.db, async (tx) => {
    await checkRate(tx, input.ip);
    await checkScope(tx, scope);
    const existing = await tx.subscriber.findUnique({ where: { channel_target_team: { channel, target: url, team: false } } });
    if (existing) {
      throw new InvalidError("Some fields need attention.", {
        target: "This endpoint is subscribed already. Use the manage link in any message it received to change or remove it.",
      });
    }
    const signingSecret = channel === "webhook" ? newSigningSecret() : null;
    const subscriber = await createSubscriber(tx, {
      channel,
      target: url,
      state: "active",
      confirmedAt: now,
      signingSecret,
      ...scope,
    });
    return { channel, subscriberId: subscriber.id, signingSecret, manageToken: manageToken(await linkSecret(tx), subscriber.id) };
  });
}

type NewSubscriber = Omit<Parameters<DbOrTx["subscriber"]["create"]>[0]["data"], "manageTokenHash" | "id">;

/** Creates a subscriber with the hash of its manage token (derived from its id, chosen here). */
export async function createSubscriber(tx: DbOrTx, data: NewSubscriber) {
  const id = `sub${randomBytes(12).toString("hex")}`;
  const manageTokenHash = hashToken(manageToken(await linkSecret(tx), id));
  return tx.subscriber.create({ data: { ...data, id, manageTokenHash } });
}
