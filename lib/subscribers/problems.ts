// What the subscription pages say when a link or a change did not work. The code travels in the
// URL, the words are the page's own, so nobody can put their own text on the page with a link.

export type SubscriptionProblem = "invalid" | "expired" | "components" | "failed";

export const SUBSCRIPTION_PROBLEMS: Record<SubscriptionProblem, string> = {
  invalid: "This link is not valid any more. If you are still subscribed, use the link in your latest message.",
  expired: "This confirmation link has expired (links are valid for 7 days). Subscribe again to get a new one.",
  components: "Choose components from the list: one of them no longer exists.",
  failed: "Something went wrong and nothing changed. Try again in a moment.",
};

export function subscriptionProblem(code: unknown): string {
  return typeof code === "string" && code in SUBSCRIPTION_PROBLEMS ? SUBSCRIPTION_PROBLEMS[code as SubscriptionProblem] : "";
}
