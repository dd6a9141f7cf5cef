import { randomBytes } from "node:crypto";
import type { OutgoingMail } from "./email.ts";

// The message as it goes over SMTP (RFC 5322 with MIME), written here in one string rather than by
// nodemailer's composer. A notification goes to up to 100,000 addresses: the composer's streams,
// per-line regular expressions and quoted-printable encoding took more CPU than everything else in
// the delivery workers (a third of it, by profile). Here both parts are base64 (Node's native
// encoder) and the headers are a few string operations; nodemailer still holds the conversation.
//
// Only what Upstate sends is written: plain ASCII addresses, a text and an HTML part. Anything
// else (an address with non-ASCII characters or RFC 5322 specials) returns null, and nodemailer
// composes that one.

const CRLF = "\r\n";
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** An address as Upstate stores and sends them: a dot-atom local part at a host name, ASCII only. */
const PLAIN_ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+$/;
/**
 * At most this many bytes of UTF-8 per encoded word: 64 characters with its base64 (52), so that
 * a line holding one stays within RFC 2047's 76 after a short header name, or alone after a fold.
 */
const WORD_BYTES = 39;
/** A word longer than this is written as encoded words (which fold), never as one line. */
const LONGEST_WORD = 900;
/** Lines are kept to this length where they can be broken (RFC 2047's limit for a line with an encoded word). */
const LINE = 76;

/** A header value without line breaks (nothing a subscriber or staff typed can start a header). */
const oneLine = (value: string) => value.replace(/[\r\n]+/g, " ");

/** RFC 2047 encoded words (UTF-8, base64) for text with anything beyond printable ASCII. */
function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = "";
  let bytes = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character);
    if (bytes + size > WORD_BYTES) {
      words.push(chunk);
      chunk = "";
      bytes = 0;
    }
    chunk += character;
    bytes += size;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString("base64")}?=`);
}

/**
 * `Name: value`, folded at spaces to lines of about 76 characters (the first word stays beside the
 * name: an encoded word, 64 characters, fits there after any name Upstate gives one). Runs of
 * spaces stay on one line.
 */
function header(name: string, value: string): string {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of value.split(" ")) {
    if (word && line.length > name.length + 1 && line.length + 1 + word.length > LINE) {
      lines.push(line);
      line = "";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

const needsEncoding = (word: string) => !PRINTABLE_ASCII.test(word) || word.length > LONGEST_WORD;

/**
 * Unstructured text (a subject, a list's name): printable ASCII words as they are, and each run of
 * words that needs it as encoded words (RFC 2047), so that an `<id>` or a URL beside a name in
 * another alphabet stays readable to what parses it (RFC 2919's List-Id, RFC 2369's links).
 */
function textHeader(name: string, value: string): string {
  const words = oneLine(value).split(" ");
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    if (!needsEncoding(words[i]!)) {
      out.push(words[i++]!);
      continue;
    }
    // The run, with the spaces inside it: spaces between encoded words are not shown.
    let end = i + 1;
    while (end < words.length && (needsEncoding(words[end]!) || (words[end] === "" && end + 1 < words.length))) end++;
    out.push(...encodedWords(words.slice(i, end).join(" ")));
    i = end;
  }
  return header(name, out.join(" "));
}

/** `"Name" <address>` or a bare address, as a header value; null when the address is not plain ASCII. */
function mailbox(value: string): { header: string; address: string } | null {
  const named = /^\s*"((?:[^"\\]|\\.)*)"\s*<([^>]+)>\s*$/.exec(value) ?? /^\s*([^<]*?)\s*<([^>]+)>\s*$/.exec(value);
  const address = (named ? named[2]! : value).trim();
  if (!PLAIN_ADDRESS.test(address)) return null;
  const name = oneLine(named?.[1] ?? "").replace(/\\(.)/g, "$1");
  if (!name) return { header: address, address };
  const shown = PRINTABLE_ASCII.test(name) ? `"${name.replace(/["\\]/g, "\\$&")}"` : encodedWords(name).join(" ");
  return { header: `${shown} <${address}>`, address };
}

/** `Tue, 01 Dec 2026 03:40:00 +0000`. */
const mailDate = (at: Date) => at.toUTCString().replace(/GMT$/, "+0000");

/** UTF-8 text as base64 in lines of 76 characters. */
function base64Lines(text: string): string {
  const encoded = Buffer.from(text).toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF);
}

/** The domain a generated Message-ID names: the sender's. */
const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);

let messages = 0;

export type EncodedMail = { envelope: { from: string; to: string[] }; raw: string };

/**
 * The message and its SMTP envelope, or null when it needs what only nodemailer's composer does
 * (an address beyond plain ASCII).
 */
export function encodeMail(mail: OutgoingMail, at = new Date()): EncodedMail | null {
  const from = mailbox(mail.from);
  const to = mailbox(mail.to);
  const replyTo = mail.replyTo ? mailbox(mail.replyTo) : undefined;
  if (!from || !to || replyTo === null) return null;
  // Both parts are base64, whose alphabet has no "-" or "_": no line of theirs can be this.
  const boundary = `=_upstate-part_${++messages}`;
  const messageId = oneLine(mail.messageId ?? `<${randomBytes(16).toString("hex")}@${domainOf(from.address)}>`);
  const lines = [
    header("From", from.header),
    header("To", to.header),
    ...(replyTo ? [header("Reply-To", replyTo.header)] : []),
    textHeader("Subject", mail.subject),
    header("Date", mailDate(at)),
    header("Message-ID", messageId),
    ...(mail.inReplyTo ? [header("In-Reply-To", oneLine(mail.inReplyTo))] : []),
    ...(mail.references?.length ? [header("References", oneLine(mail.references.join(" ")))] : []),
    ...Object.entries(mail.headers).map(([name, value]) => textHeader(name, value)),
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(mail.text),
    `--${boundary}`,
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(mail.html),
    `--${boundary}--`,
    "",
  ];
  return { envelope: { from: from.address, to: [to.address] }, raw: lines.join(CRLF) };
}
