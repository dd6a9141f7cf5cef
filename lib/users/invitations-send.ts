import type { DbOrTx } from "../db/client.ts";
import { realSender, type Sender } from "../notifications/deliver.ts";
import { getPageSettings } from "../page/queries.ts";
import { linkSecret } from "../subscribers/tokens.ts";
import { resolvePublicBase } from "../urls/public-url.ts";
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
  const [settings, row, inviter] = await Promise.all([
    getPageSettings(db),
    db.pageSettings.findUnique({ where: { id: 1 }, select: { mailSenderName: true, mailReplyTo: true } }),
    invitation.invitedById ? db.user.findUnique({ where: { id: invitation.invitedById }, select: { name: true } }) : null,
  ]);
  const publicBase = resolvePublicBase({ pagePublicUrl: settings.publicUrl });
  const page = {
    name: settings.name,
    timeZone: settings.timeZone,
    updatedAt: new Date(),
    senderName: row?.mailSenderName ?? null,
    replyTo: row?.mailReplyTo ?? null,
  };
  await sender.sendMail(
    composeInvitationMail(
      { page, publicBase },
      { email: invitation.email, role: invitation.role, inviterName: inviter?.name ?? null },
      invitationUrl(publicBase, token),
    ),
  );
}
