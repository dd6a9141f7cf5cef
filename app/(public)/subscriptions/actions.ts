"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client.ts";
import { InvalidError, isDomainError, NotFoundError } from "@/lib/errors.ts";
import { changeSubscription, confirmSubscription, unsubscribe } from "@/lib/subscribers/manage-subscription.ts";
import type { SubscriptionProblem } from "@/lib/subscribers/problems.ts";

const text = (formData: FormData, key: string) => {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
};

/** What went wrong, as a code the page turns into its own words (no text travels in the URL). */
function problemOf(error: unknown): SubscriptionProblem {
  if (error instanceof NotFoundError) return "invalid";
  if (error instanceof InvalidError) return Object.keys(error.fieldErrors).length ? "components" : "expired";
  if (!isDomainError(error)) console.error("[upstate] subscription change failed", error);
  return "failed";
}

export async function confirmAction(formData: FormData): Promise<void> {
  const token = text(formData, "token");
  let outcome: string;
  try {
    await confirmSubscription({ db: getDb(), token });
    outcome = "/subscriptions/confirm?done=1";
  } catch (error) {
    outcome = `/subscriptions/confirm?error=${problemOf(error)}`;
  }
  redirect(outcome);
}

export async function changeAction(formData: FormData): Promise<void> {
  const token = text(formData, "token");
  const strings = (key: string) => formData.getAll(key).filter((value): value is string => typeof value === "string");
  let outcome = `/subscriptions/manage?token=${encodeURIComponent(token)}&saved=1`;
  try {
    await changeSubscription({ db: getDb(), token, input: { componentIds: strings("component"), groupIds: strings("group") } });
  } catch (error) {
    outcome = `/subscriptions/manage?token=${encodeURIComponent(token)}&error=${problemOf(error)}`;
  }
  redirect(outcome);
}

export async function unsubscribeAction(formData: FormData): Promise<void> {
  const token = text(formData, "token");
  const removed = await unsubscribe({ db: getDb(), token });
  redirect(
    removed ? "/subscriptions/manage?unsubscribed=1" : `/subscriptions/manage?token=${encodeURIComponent(token)}&error=invalid`,
  );
}
