/** What the public subscribe action returns to its form (components/status/subscribe-form.tsx). */
export type SubscribeState = {
  status: "idle" | "error" | "done";
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  /** Webhook subscribers: the signing secret, shown once, and their manage link. */
  signingSecret?: string | null;
  manageHref?: string;
  seq: number;
};
