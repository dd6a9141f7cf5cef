import http from "node:http";
import type { AddressInfo } from "node:net";
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

describe("closing the server", () => {
  it("lets the requests under way finish, refuses new connections, and ends the idle ones", async () => {
    let finish: (() => void) | undefined;
    const started: string[] = [];
    const server = http.createServer((req, res) => {
      started.push(req.url ?? "");
      if (req.url === "/slow") finish = () => res.end("saved");
      else res.end("quick");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    // A keep-alive connection left idle, and a request under way.
    expect((await get(port, "/quick")).body).toBe("quick");
    const slow = get(port, "/slow");
    await expect.poll(() => started.includes("/slow")).toBe(true);

    let closed = false;
    const closing = closeGracefully(server, 60_000).then(() => (closed = true));
    await expect(get(port, "/new")).rejects.toThrow(/ECONNREFUSED|socket hang up|ECONNRESET/);
    expect(closed).toBe(false);
    finish!();
    expect(await slow).toEqual({ status: 200, body: "saved" });
    await closing;
    expect(closed).toBe(true);
  });

  it("cuts a request that outlasts the grace period", async () => {
    let asked = false;
    const server = http.createServer(() => {
      asked = true; // and never answers
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const hung = get(port, "/hung").catch((error: Error) => error);
    await expect.poll(() => asked).toBe(true);
    await closeGracefully(server, 100);
    expect(await hung).toBeInstanceOf(Error);
  });
});
