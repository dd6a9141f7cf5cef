import { describe, expect, it } from "vitest";
import { connectWithoutDelay, mailTransport } from "./email.ts";

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
});
