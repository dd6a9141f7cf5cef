import net from "node:net";
import { describe, expect, it } from "vitest";
import { startMailServer } from "../../tests/support/mail-server.ts";
import { closeMailTransport, connectWithoutDelay, mailTransport } from "./email.ts";

describe("the SMTP transport", () => {
  it("is a pool with our timeouts and sockets, whatever the URL says of host and credentials", () => {
    const transport = mailTransport({ SMTP_URL: "smtps://mailer:s%40cret@mail.example.net:2465?maxConnections=8" });
    // nodemailer's transport object: a pool (one connection per message otherwise) with our options.
    const inner = (transport as unknown as { transporter: { name: string; options: Record<string, unknown> } }).transporter;
    expect(inner.name).toBe("SMTP (pool)");
    expect(inner.options).toMatchObject({
      host: "mail.example.net",
      port: 2465,
      secure: true,
      auth: { user: "mailer", pass: "s@cret" },
      maxConnections: 8,
      connectionTimeout: 15_000,
      socketTimeout: 30_000,
    });
    expect(inner.options.getSocket).toBe(connectWithoutDelay);
  });

  it("keeps sending once the mail server is back, however many connections it refused meanwhile", async () => {
    // A port nothing listens on (yet).
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const transport = mailTransport({ SMTP_URL: `smtp://127.0.0.1:${port}` })!;
    const send = (subject: string) =>
      transport.sendMail({ from: "status@example.com", to: "a@example.org", subject, text: subject });
    // More refusals than the pool has connections (5): each used to keep one of them busy for ever.
    for (let i = 0; i < 12; i++) await expect(send(`refused ${i}`)).rejects.toThrow(/ECONNREFUSED/);
    const server = await startMailServer(port);
    try {
      let timer: NodeJS.Timeout | undefined;
      const stuck = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("the pool sent nothing once the server was back")), 20_000);
      });
      await Promise.race([send("back"), stuck]).finally(() => clearTimeout(timer));
      expect(server.mails.map((mail) => mail.subject)).toEqual(["back"]);
    } finally {
      closeMailTransport();
      await server.close();
    }
  }, 30_000);
});
