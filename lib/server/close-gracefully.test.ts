import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { closeGracefully } from "./close-gracefully.ts";

const agent = new http.Agent({ keepAlive: true });

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body }));
      })
      .on("error", reject);
  });
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** A server whose `/slow` answers when `finish()` is called, and whose other paths as `quick` does. */
async function startServer(quick: (res: http.ServerResponse) => void) {
  const asked: string[] = [];
  let answerSlow: (() => void) | undefined;
  const server = http.createServer((req, res) => {
    asked.push(req.url ?? "");
    if (req.url === "/slow") answerSlow = () => res.end("saved");
    else quick(res);
  });
  return { server, port: await listen(server), asked, finish: () => answerSlow?.() };
}

describe("closing the server", () => {
  it("lets the requests under way finish, refuses new connections, and ends the idle ones", async () => {
    const { server, port, asked, finish } = await startServer((res) => res.end("quick"));
    // A keep-alive connection left idle, and a request under way.
    expect((await get(port, "/quick")).body).toBe("quick");
    const slow = get(port, "/slow");
    await expect.poll(() => asked.includes("/slow")).toBe(true);

    let closed = false;
    const closing = closeGracefully(server, 60_000).then(() => (closed = true));
    await expect(get(port, "/new")).rejects.toThrow(/ECONNREFUSED|socket hang up|ECONNRESET/);
    expect(closed).toBe(false);
    finish();
    expect(await slow).toEqual({ status: 200, body: "saved" });
    await closing;
    expect(closed).toBe(true);
  });

  it("answers the requests a kept-alive connection still sends while it stops with Connection: close", async () => {
    // A balancer under load sends its next request on a connection as soon as the last answer
    // came: such a connection is never idle long enough to be closed as idle, and would be cut
    // with whatever it carries at the end of the grace period.
    // Answered at once, headers and all, as a cached page is.
    const { server, port, asked, finish } = await startServer((res) =>
      res.writeHead(200, { "content-type": "text/plain" }).end("quick"),
    );
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    const ended = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    await expect.poll(() => asked).toEqual(["/slow"]);

    const closing = closeGracefully(server, 60_000);
    // The next request on the same connection, sent while the first is under way.
    socket.write("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
    await expect.poll(() => asked).toEqual(["/slow", "/next"]);
    finish();
    await ended;
    await closing;
    const answers = received.split("HTTP/1.1 ").slice(1);
    expect(answers).toHaveLength(2);
    // The answer under way when it began to stop was promised keep-alive; the next says close.
    expect(answers[0]).toMatch(/^200 [\s\S]*\r\nconnection: keep-alive\r\n[\s\S]*saved/i);
    expect(answers[1]).toMatch(/^200 [\s\S]*\r\nconnection: close\r\n[\s\S]*quick/i);
  });

  it("cuts a request that outlasts the grace period", async () => {
    let asked = false;
    const server = http.createServer(() => {
      asked = true; // and never answers
    });
    const port = await listen(server);
    const hung = get(port, "/hung").catch((error: Error) => error);
    await expect.poll(() => asked).toBe(true);
    await closeGracefully(server, 100);
    expect(await hung).toBeInstanceOf(Error);
  });
});
