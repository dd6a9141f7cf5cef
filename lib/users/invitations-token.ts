import { createHmac } from "node:crypto";
import { hashToken } from "../subscribers/tokens.ts";
import { publicUrl } from "../urls/public-url.ts";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/**
 * The token in an invitation's link: an HMAC of the invitation under the installation's link key,
 * so the mail worker can make the link again from the invitation's id (the job carries no token)
 * and the database keeps only its sha256. Unguessable without the key, and one per invitation.
 */
export function invitationToken(secret: string, invitation: { id: string; createdAt: Date }): string {
  return createHmac("sha256", secret)
    .update(`staff-invite:${invitation.id}:${invitation.createdAt.getTime()}`)
    .digest("base64url");
}

export { hashToken as hashInvitationToken };

/** The page an invitee opens: under the admin, outside the signed-in pages. */
export function invitationUrl(publicBase: string, token: string): string {
  return publicUrl({ pagePublicUrl: publicBase, path: `/admin/invite/${encodeURIComponent(token)}` });
}
