import { html } from "../html/html.ts";
import { fromAddress, type OutgoingMail } from "../notifications/email.ts";
import type { MessageContext } from "../notifications/message-context.ts";

/** The mail that carries a staff invitation's link. */
export function composeInvitationMail(
  context: Pick<MessageContext, "page" | "publicBase">,
  invitation: { email: string; role: string; inviterName: string | null },
  url: string,
): OutgoingMail {
  const pageName = context.page.name;
  const who = invitation.inviterName ?? "An admin";
  const body = html`<!doctype html><html><head><meta charset="utf-8"><title>${pageName}</title></head><body style="font-family:system-ui,sans-serif;color:#111827;max-width:600px;margin:0 auto;padding:16px">
    <h1 style="margin:0 0 12px;font-size:20px">Join ${pageName}'s status page staff</h1>
    <p style="font-size:15px;line-height:1.5">${who} invited you to post incidents and updates on ${pageName}'s status page, as ${invitation.role}. Follow the link to choose your name and password.</p>
    <p><a href="${url}" style="display:inline-block;padding:8px 16px;border-radius:6px;background:#2563eb;color:#fff;text-decoration:none;font-weight:600">Accept the invitation</a></p>
    <p style="font-size:13px;color:#6b7280">The link works once, for 7 days. If you did not expect this, ignore this message.</p></body></html>`;
  return {
    from: fromAddress(context),
    replyTo: context.page.replyTo ?? undefined,
    to: invitation.email,
    subject: `[${pageName}] You are invited to the status page staff`,
    html: body.value,
    text: `${who} invited you to post incidents and updates on ${pageName}'s status page, as ${invitation.role}.\n\nAccept: ${url}\n\nThe link works once, for 7 days. If you did not expect this, ignore this message.`,
    headers: {},
  };
}
