import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server in the test process: what Upstate sends arrives here over SMTP and is
// parsed with mailparser, so tests read mails as a mail client would.

export type MailServer = {
  url: string;
  mails: ParsedMail[];
  /** Refuse (451) every message while true: the mail server "hiccups". */
  failing: boolean;
  waitFor: (predicate: (mails: ParsedMail[]) => boolean, timeoutMs?: number) => Promise<ParsedMail[]>;
  close: () => Promise<void>;
};

export async function startMailServer(port = 0): Promise<MailServer> {
  const mails: ParsedMail[] = [];
  const state = { failing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Closing ends the open connections at once: Upstate's mail pool keeps its connections, and
    // one still open to a closed test's server would deliver the next test's mail there.
    closeTimeout: 100,
    onData(stream, _session, callback) {
      if (state.failing) {
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("Try again later"), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: listening } = server.server.address() as AddressInfo;
  const result: MailServer = {
    url: `smtp://127.0.0.1:${listening}`,
    mails,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(mails)) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for mail; have ${mails.length}: ${mails.map((m) => m.subject).join(" | ")}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return result;
}
