import http from "node:http";
import type { AddressInfo } from "node:net";

// A local HTTP endpoint that records what webhooks POST to it, answering `status` (or never,
// with `hang`), so delivery, retries and signatures are tested over real HTTP.

export type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };

export type WebhookReceiver = {
  url: (path?: string) => string;
  received: Received[];
  /** Per path: the status to answer, or "hang" to never answer. Default 204. */
  behaviour: Map<string, number | "hang">;
  waitFor: (predicate: (received: Received[]) => boolean, timeoutMs?: number) => Promise<Received[]>;
  close: () => Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const behaviour = new Map<string, number | "hang">();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const answer = behaviour.get(path) ?? 204;
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (answer === "hang") return;
      res.writeHead(answer);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/") => `http://127.0.0.1:${port}${path}`,
    received,
    behaviour,
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for webhooks; have ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
