import { type ParsedMail, simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { startMailServer } from "../../tests/support/mail-server.ts";
import { closeMailTransport, mailTransport, type OutgoingMail } from "./email.ts";
import { encodeMail } from "./mime.ts";

// The messages Upstate writes itself must read, in a mail client (mailparser here), exactly as the
// ones nodemailer's composer writes from the same fields.

const longTitle = `Elevated error rates on sign-in, single sign-on and directory sync ${"for every region ".repeat(6)}`;

const MAILS: Record<string, OutgoingMail> = {
  "an incident update": {
    from: '"WorkOS Status" <status@example.com>',
    replyTo: "support@example.com",
    to: "reader@example.org",
    subject: "[WorkOS] Degraded AuthKit service (Identified)",
    text: "WorkOS: Degraded AuthKit service\nIdentified - Jul 19, 2024 - 11:57 EDT\n\nWe found the cause.\n\nUnsubscribe: https://status.example.com/u?token=abc",
    html: `<!doctype html><html><body><p>We found the <strong>cause</strong>.</p>${"<p>More.</p>".repeat(400)}</body></html>`,
    messageId: "<cmx1delivery@status.example.com>",
    inReplyTo: "<incident-cmx1@status.example.com>",
    references: ["<incident-cmx1@status.example.com>"],
    headers: {
      "List-Unsubscribe": "<https://status.example.com/subscriptions/unsubscribe?token=0123456789abcdef0123456789abcdef>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": "WorkOS status updates <updates.status.example.com>",
    },
  },
  "words beyond ASCII, a long subject and a name with quotes": {
    from: '"Café \\"Zürich\\" Status — 東京" <status@example.com>',
    to: "reader@example.org",
    subject: `[Café Zürich] ${longTitle} — résolu ✅ 東京リージョン`,
    text: "Ça marche à nouveau. 🎉\r\nLine two.\n\n.A line that starts with a dot\n.",
    html: "<p>Ça marche à nouveau. 🎉</p>\n<p>.</p>",
    headers: { "List-Id": "Café Zürich status updates <updates.example.com>" },
  },
  "one word longer than a line may be": {
    from: "status@example.com",
    to: "reader@example.org",
    subject: `[Status] ${"x".repeat(1200)} and more`,
    text: "x",
    html: "<p>x</p>",
    headers: {},
  },
  "a subject trying to add a header": {
    from: "status@example.com",
    to: "reader@example.org",
    subject: "Hello\r\nBcc: victim@example.net",
    text: "x",
    html: "<p>x</p>",
    headers: {},
  },
};

/** What a reader sees of a parsed mail. */
function seen(mail: ParsedMail) {
  return {
    from: mail.from?.value,
    to: Array.isArray(mail.to) ? mail.to.flatMap((to) => to.value) : mail.to?.value,
    replyTo: mail.replyTo?.value,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    listUnsubscribe: mail.headers.get("list-unsubscribe"),
    listUnsubscribePost: mail.headers.get("list-unsubscribe-post"),
    listId: mail.headers.get("list-id"),
    bcc: mail.bcc,
  };
}

describe("a message written by Upstate", () => {
  it.each(Object.keys(MAILS))("reads as nodemailer's own: %s", async (name) => {
    const mail = MAILS[name]!;
    const encoded = encodeMail(mail)!;
    expect(encoded).not.toBeNull();
    // Both sent over SMTP to a real server, as the workers send them.
    const server = await startMailServer();
    const transport = mailTransport({ SMTP_URL: server.url })!;
    try {
      await transport.sendMail(encoded);
      await transport.sendMail(mail);
      const [ours, theirs] = await server.waitFor((mails) => mails.length === 2);
      expect(seen(ours!)).toEqual({ ...seen(theirs!), messageId: ours!.messageId });
      if (mail.messageId) expect(ours!.messageId).toBe(mail.messageId);
      expect(ours!.date).toBeInstanceOf(Date);
    } finally {
      closeMailTransport();
      await server.close();
    }
  });

  it("keeps every line within the limits of the mail format, and names one recipient in its envelope", async () => {
    for (const mail of Object.values(MAILS)) {
      const encoded = encodeMail(mail)!;
      expect(encoded.envelope).toEqual({ from: "status@example.com", to: ["reader@example.org"] });
      const lines = encoded.raw.split("\r\n");
      expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(998);
      // Every header line is ASCII, and only the start of a header or a folded continuation.
      const headerLines = lines.slice(0, lines.indexOf(""));
      for (const line of headerLines) expect(line).toMatch(/^([A-Za-z-]+: |[ \t])[\x20-\x7e]*$/);
      expect(headerLines.filter((line) => /^bcc:/i.test(line))).toEqual([]);
      expect(encoded.raw).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
    }
  });

  it("encodes only the words that need it, so that a list's <id> stays readable, and keeps encoded lines within 76 characters", () => {
    const raw = encodeMail(MAILS["words beyond ASCII, a long subject and a name with quotes"]!)!.raw;
    const headers = raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]/g, " ");
    expect(headers).toMatch(/^List-Id: (=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= ?)+ status updates <updates\.example\.com>$/m);
    for (const line of raw.split("\r\n")) if (line.includes("=?")) expect(line.length, line).toBeLessThanOrEqual(76);
  });

  it("keeps a subject's spaces as typed, beside and between encoded words", async () => {
    const subject = `[Café]  ${"y".repeat(1000)}  two  spaces — “quoted”  end`;
    const mail = { ...MAILS["an incident update"]!, subject };
    expect((await simpleParser(encodeMail(mail)!.raw)).subject).toBe(subject);
  });

  it("is left to nodemailer when an address is not plain ASCII", async () => {
    const mail = MAILS["an incident update"]!;
    expect(encodeMail({ ...mail, to: "lecteur@exemple-café.fr" })).toBeNull();
    expect(encodeMail({ ...mail, from: '"Status" <état@example.com>' })).toBeNull();
    expect(encodeMail({ ...mail, to: "a@example.org, b@example.org" })).toBeNull();
    const parsed = await simpleParser(encodeMail(mail)!.raw);
    expect(parsed.text?.trim()).toBe(mail.text);
  });
});
