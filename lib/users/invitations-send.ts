import type { DbOrTx } from "../db/client.ts";
import { realSender, type Sender } from "../notifications/deliver.ts";
import { mailPageContext } from "../notifications/mail-page.ts";
import { linkSecret } from "../subscribers/tokens.ts";
import { composeInvitationMail } from "./invitations-mail.ts";
import { hashInvitationToken, invitationToken, invitationUrl } from "./invitations-token.ts";

/**
 * The mail worker's half of an invitation: makes its link again from the link key (the job holds
 * only the invitation's id) and mails it. Nothing when the invitation was used or withdrawn since.
 */
export async function sendInvitation(db: DbOrTx, job: { invitationId: string }, sender: Sender = realSender): Promise<void> {
  const invitation = await db.staffInvitation.findUnique({ where: { id: job.invitationId } });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) return;
  const token = invitationToken(await linkSecret(db), invitation);
  if (hashInvitationToken(token) !== invitation.tokenHash) return;
  const [context, inviter] = await Promise.all([
    mailPageContext(db),
    invitation.invitedById ? db.user.findUnique({ where: { id: invitation.invitedById }, select: { name: true } }) : null,
  ]);
  await sender.sendMail(
    composeInvitationMail(
      context,
      { email: invitation.email, role: invitation.role, inviterName: inviter?.name ?? null },
      invitationUrl(context.publicBase, token),
    ),
  );
}
