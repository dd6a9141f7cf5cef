"use server";

import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip.ts";
import { getDb } from "@/lib/db/client.ts";
import { InvalidError } from "@/lib/errors.ts";
import { SUBSCRIBER_CHANNELS, type SubscriberChannel } from "@/lib/subscribers/schemas.ts";
import { subscribe } from "@/lib/subscribers/subscribe.ts";
import type { SubscribeState } from "@/lib/subscribers/subscribe-state.ts";
import { withBase } from "@/lib/urls/base-path.ts";

export async function subscribeAction(_previous: SubscribeState, formData: FormData): Promise<SubscribeState> {
  const text = (key: string) => {
    const value = formData.get(key);
    return typeof value === "string" ? value : "";
  };
  const values = { channel: text("channel"), target: text("target") };
  const channel = SUBSCRIBER_CHANNELS.find((c) => c === values.channel) as SubscriberChannel | undefined;
  const seq = Date.now();
  if (!channel)
    return {
      status: "error",
      message: "Choose how to be notified.",
      fieldErrors: { channel: "Choose how to be notified." },
      values,
      seq,
    };
  const strings = (key: string) => formData.getAll(key).filter((value): value is string => typeof value === "string");
  try {
    const result = await subscribe({
      db: getDb(),
      input: {
        channel,
        target: values.target,
        componentIds: strings("component"),
        groupIds: strings("group"),
        ip: clientIp(Object.fromEntries(await headers())),
      },
    });
    if (result.channel === "email") {
      return {
        status: "done",
        message: `Check ${values.target.trim()}: we sent a link to confirm your subscription (unless this address is subscribed already). Nothing else is sent until you follow it.`,
        seq,
      };
    }
    return {
      status: "done",
      message: "Subscribed. Updates are sent to this endpoint from now on.",
      signingSecret: result.signingSecret,
      manageHref: withBase(`/subscriptions/manage?token=${encodeURIComponent(result.manageToken)}`),
      seq,
    };
  } catch (error) {
    if (error instanceof InvalidError)
      return { status: "error", message: error.message, fieldErrors: error.fieldErrors, values, seq };
    console.error("[upstate] subscribe failed", error);
    return { status: "error", message: "Something went wrong and you were not subscribed. Try again in a moment.", values, seq };
  }
}
