import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import type SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import { html, trustedHtml } from "../html/html.ts";
import { markdownToHtml } from "../markdown/markdown-to-html.ts";
import { resolvePublicBase } from "../urls/public-url.ts";
import type { MessageContext } from "./message-context.ts";
import { type MessageSummary, TONE_COLOURS } from "./payloads/summary.ts";

// Email through the SMTP server in SMTP_URL. Messages are rendered from the same markdown as the
// page, through the same filter (lib/markdown), so nothing staff write can run in a mail client
// either; every message about one incident threads together (Message-ID, In-Reply-To,
// References), and carries RFC 8058 one-click unsubscribe headers.

export type OutgoingMail = {
  from: string;
  replyTo?: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers: Record<string, string>;
};

export type SubscriberLinks = { manageUrl: string; unsubscribeUrl: string };

const CONNECTION_TIMEOUT_MS = 15_000;

type SocketCallback = (error: Error | null, socket?: { connection: net.Socket }) => void;

/**
 * Opens the pool's TCP connections with Nagle's algorithm off. SMTP is a conversation of small
 * commands; with Nagle on, each one waits for the server's delayed ACK (about 40 ms), which held a
 * pooled connection to ~20 messages a second (100 a second with 5 connections, 1,600 without the
 * wait, measured against a local server). nodemailer upgrades the socket to TLS itself, for
 * smtps:// at once and for STARTTLS when the server offers it.
 *
 * A connection that fails is never reported to nodemailer as an error from here: its pool keeps
 * a resource whose `getSocket` failed as busy for ever (it removes only resources whose connection
 * emitted an error), so five refused connections (the mail server restarting) stopped every mail
 * until Upstate restarted. Instead nodemailer is told to connect by itself, which fails (or
 * succeeds) the way it handles: the message gets the error and the pool frees the slot.
 */
export function connectWithoutDelay(
  options: { host?: string; port?: number | string; secure?: boolean },
  callback: SocketCallback,
): void {
  const host = options.host || "localhost";
  const port = Number(options.port) || (options.secure ? 465 : 587);
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  const fallBack = () => {
    clearTimeout(timer);
    socket.destroy();
    callback(null);
  };
  const timer = setTimeout(fallBack, CONNECTION_TIMEOUT_MS);
  socket.once("error", fallBack);
  socket.once("connect", () => {
    clearTimeout(timer);
    socket.removeListener("error", fallBack);
    callback(null, { connection: socket });
  });
}

const holder = globalThis as unknown as { __upstateMail?: { url: string; transport: Transporter } };

export function mailTransport(env: Record<string, string | undefined> = process.env): Transporter | null {
  const url = env.SMTP_URL;
  if (!url) return null;
  if (holder.__upstateMail?.url !== url) {
    holder.__upstateMail = {
      url,
      // With a URL as its first argument, createTransport takes every transport option from the
      // URL and treats its second argument as message defaults: the options go in one object.
      transport: nodemailer.createTransport({
        pool: true,
        // Five, as relays expect of one client. Against a local server 10 sent 9% more with 40,000
        // subscribers but no more with 100,000 (the job queue's own work sets the pace there), so
        // five it stays; `?maxConnections=10` in SMTP_URL raises it.
        maxConnections: 5,
        maxMessages: 1000,
        // A delivery must finish well inside its job's 120 s: a hanging server fails fast.
        connectionTimeout: CONNECTION_TIMEOUT_MS,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
        // Host, port, credentials and any option written in the URL's query (which win).
        ...parseConnectionUrl(url),
        getSocket: connectWithoutDelay,
      } as SMTPPool.Options),
    };
  }
  return holder.__upstateMail.transport;
}

/** Closes the pool and forgets it (a later `mailTransport` opens a new one): for stopping, and tests. */
export function closeMailTransport(): void {
  holder.__upstateMail?.transport.close();
  holder.__upstateMail = undefined;
}

function mailDomain(publicBase: string): string {
  return new URL(publicBase).hostname || "localhost";
}

/** `"WorkOS Status" <status@example.com>`: MAIL_FROM's address with the page's sender name. */
export function fromAddress(
  context: Pick<MessageContext, "page" | "publicBase">,
  env: Record<string, string | undefined> = process.env,
): string {
  const configured = env.MAIL_FROM?.trim();
  const address = configured ? (/<([^>]+)>/.exec(configured)?.[1] ?? configured) : `status@${mailDomain(context.publicBase)}`;
  const name = (context.page.senderName ?? `${context.page.name} Status`).replace(/["\\\r\n]/g, "");
  return `"${name}" <${address}>`;
}

function threadRoot(context: MessageContext): string | null {
  return context.incident ? `<incident-${context.incident.id}@${mailDomain(context.publicBase)}>` : null;
}

const LAYOUT_STYLE =
  "font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111827;max-width:600px;margin:0 auto;padding:16px";

function layout(pageName: string, content: ReturnType<typeof html>, footer: ReturnType<typeof html>): string {
  return html`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${pageName}</title></head><body style="margin:0;background:#f9fafb"><div style="${LAYOUT_STYLE}">${content}<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0"><div style="font-size:12px;color:#6b7280">${footer}</div></div></body></html>`
    .value;
}

/** The mail about one notification to one subscriber. */
export function composeNotificationMail(
  context: MessageContext,
  summary: MessageSummary,
  to: string,
  links: SubscriberLinks,
  deliveryId: string,
): OutgoingMail {
  const pageName = context.page.name;
  const subject = `[${pageName}] ${summary.title}${summary.statusLabel ? ` (${summary.statusLabel})` : ""}`;
  const body = summary.markdown ? markdownToHtml(summary.markdown) : "";
  const content = html`
    <p style="margin:0 0 4px;font-size:14px;color:#6b7280">${pageName}</p>
    <h1 style="margin:0 0 12px;font-size:20px">${summary.title}</h1>
    <p style="margin:0 0 16px"><span style="display:inline-block;padding:2px 8px;border-radius:9999px;background:${TONE_COLOURS[summary.tone]};color:#fff;font-size:13px;font-weight:600">${summary.statusLabel}</span> <span style="color:#4b5563;font-size:14px">${summary.when}</span></p>
    <div style="font-size:15px;line-height:1.5">${trustedHtml(body)}</div>
    ${summary.componentLines.length ? html`<p style="font-size:14px;color:#374151"><strong>Components:</strong> ${summary.componentLines.join(", ")}</p>` : ""}
    <p><a href="${summary.url}" style="color:#2563eb">View on the status page</a></p>`;
  const footer = html`You receive this because you subscribed to ${pageName}'s status updates.
    <a href="${links.manageUrl}" style="color:#6b7280">Manage your subscription</a> ·
    <a href="${links.unsubscribeUrl}" style="color:#6b7280">Unsubscribe</a>`;
  const text = [
    `${pageName}: ${summary.title}`,
    `${summary.statusLabel} - ${summary.when}`,
    "",
    summary.markdown,
    "",
    summary.componentLines.length ? `Components: ${summary.componentLines.join(", ")}\n` : "",
    `View on the status page: ${summary.url}`,
    "",
    `Manage your subscription: ${links.manageUrl}`,
    `Unsubscribe: ${links.unsubscribeUrl}`,
  ].join("\n");
  const root = threadRoot(context);
  const domain = mailDomain(context.publicBase);
  return {
    from: fromAddress(context),
    replyTo: context.page.replyTo ?? undefined,
    to,
    subject,
    html: layout(pageName, content, footer),
    text,
    messageId: `<${deliveryId}@${domain}>`,
    inReplyTo: root ?? undefined,
    references: root ? [root] : undefined,
    headers: {
      "List-Unsubscribe": `<${links.unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": `${pageName.replace(/[<>"\r\n]/g, "")} status updates <updates.${domain}>`,
    },
  };
}

/** The one message an unconfirmed address ever gets. */
export function composeConfirmationMail(
  context: Pick<MessageContext, "page" | "publicBase">,
  to: string,
  confirmUrl: string,
): OutgoingMail {
  const pageName = context.page.name;
  const content = html`
    <h1 style="margin:0 0 12px;font-size:20px">Confirm your subscription to ${pageName}</h1>
    <p style="font-size:15px;line-height:1.5">Someone, probably you, asked to receive ${pageName}'s status updates at this address. Follow the link to confirm; nothing will be sent until you do.</p>
    <p><a href="${confirmUrl}" style="display:inline-block;padding:8px 16px;border-radius:6px;background:#2563eb;color:#fff;text-decoration:none;font-weight:600">Confirm subscription</a></p>
    <p style="font-size:13px;color:#6b7280">The link is valid for 7 days. If you did not ask for this, ignore this message.</p>`;
  return {
    from: fromAddress(context),
    replyTo: context.page.replyTo ?? undefined,
    to,
    subject: `[${pageName}] Confirm your subscription`,
    html: layout(pageName, content, html`${resolvePublicBase({ pagePublicUrl: context.publicBase })}`),
    text: `Someone, probably you, asked to receive ${pageName}'s status updates at this address.\n\nConfirm: ${confirmUrl}\n\nThe link is valid for 7 days. If you did not ask for this, ignore this message.`,
    headers: {},
  };
}
