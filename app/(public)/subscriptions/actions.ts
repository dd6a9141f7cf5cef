"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client.ts";
import { isDomainError } from "@/lib/errors.ts";
import { changeSubscription, confirmSubscription, unsubscribe } from "@/lib/subscribers/manage-subscription.ts";

const text = (formData: FormData, key: string) => {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
};

function messageOf(error: unknown): string {
  if (isDomainError(error)) return error.message;
  console.error("[upstate] subscription change failed", error);
  return "Something went wrong and nothing changed. Try again in a moment.";
}

export async function confirmAction(formData: FormData): Promise<void> {
  const token = text(formData, "token");
  let outcome: string;
  try {
    const { id } = await confirmSubscription({ db: getDb(), token });
    outcome = `/subscriptions/confirm?done=1&id=${encodeURIComponent(id.slice(-6))}`;
  } catch (error) {
    outcome = `/subscriptions/confirm?error=${encodeURIComponent(messageOf(error))}`;
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
    outcome = `/subscriptions/manage?token=${encodeURIComponent(token)}&error=${encodeURIComponent(messageOf(error))}`;
  }
  redirect(outcome);
}

export async function unsubscribeAction(formData: FormData): Promise<void> {
  await unsubscribe({ db: getDb(), token: text(formData, "token") });
  redirect("/subscriptions/manage?unsubscribed=1");
}
