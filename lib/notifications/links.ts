import { manageToken } from "../subscribers/tokens.ts";
import { publicUrl } from "../urls/public-url.ts";
import type { SubscriberLinks } from "./email.ts";

/** The manage and one-click unsubscribe links of a subscriber, on the public page. */
export function subscriberLinks(publicBase: string, secret: string, subscriberId: string): SubscriberLinks {
  const token = encodeURIComponent(manageToken(secret, subscriberId));
  return {
    manageUrl: publicUrl({ pagePublicUrl: publicBase, path: `/subscriptions/manage?token=${token}` }),
    unsubscribeUrl: publicUrl({ pagePublicUrl: publicBase, path: `/subscriptions/unsubscribe?token=${token}` }),
  };
}

export function confirmUrl(publicBase: string, token: string): string {
  return publicUrl({ pagePublicUrl: publicBase, path: `/subscriptions/confirm?token=${encodeURIComponent(token)}` });
}
