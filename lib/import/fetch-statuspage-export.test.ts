import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ROOT_DIR } from "../config.ts";
import { readStatuspageExport } from "./read-statuspage-export.ts";

// The importer fetches whatever URL it is given, from the server it runs on: it must not become a
// way to read internal hosts, to exhaust memory, or to store text the admin would refuse.

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;
const servers: http.Server[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
afterEach(() => vi.unstubAllEnvs());

const fixture = (name: string) => readFile(path.join(ROOT_DIR, "tests/fixtures/statuspage", name), "utf8");

describe("importing from a URL", () => {
  it("refuses a redirect to another host, and never shows what that host answered", async () => {
    let internalRequests = 0;
    const internal = await serve((_request, response) => {
      internalRequests++;
      response.end('{"secret":"internal-token-123"}');
    });
    const page = await serve((_request, response) => {
      response.writeHead(302, { location: `${internal}/latest/meta-data` }).end();
    });
    const error = await readStatuspageExport(page).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/components\.json: .* redirects to another host/);
    expect((error as Error).message).not.toContain("internal-token-123");
    expect(internalRequests).toBe(0);
  });

  it("follows a redirect within the page's own host", async () => {
    const files: Record<string, string> = {
      "/v2/components.json": await fixture("discord-components-with-group-2019.json"),
      "/v2/incidents.json": await fixture("discord-incidents.json"),
      "/v2/scheduled-maintenances.json": await fixture("discord-scheduled-maintenances.json"),
    };
    const page = await serve((request, response) => {
      if (request.url?.startsWith("/api/v2/")) response.writeHead(301, { location: request.url.slice(4) }).end();
      else response.end(files[request.url ?? ""] ?? "");
    });
    const data = await readStatuspageExport(page);
    expect(data.page.name).toBe("Discord");
  });

  it("stops reading a body past the size limit, without holding it all", async () => {
    vi.stubEnv("UPSTATE_IMPORT_MAX_BYTES", "1000000");
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const page = await serve((_request, response) => {
      // No Content-Length: only the stream tells the size. Up to 150 MB, unless the reader leaves.
      const write = () => {
        while (sent < 150_000_000 && !response.destroyed) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", write);
        }
        response.end();
      };
      response.on("close", () => {});
      write();
    });
    const error = await readStatuspageExport(page).catch((caught: Error) => caught);
    expect((error as Error).message).toBe(
      `components.json: ${page}/api/v2/components.json is larger than 1,000,000 bytes (UPSTATE_IMPORT_MAX_BYTES)`,
    );
    expect(sent).toBeLessThan(20_000_000);
  });

  it("refuses a declared Content-Length over the limit before reading the body", async () => {
    vi.stubEnv("UPSTATE_IMPORT_MAX_BYTES", "1000");
    const page = await serve((_request, response) => {
      response.writeHead(200, { "content-length": "5000" }).end("a".repeat(5000));
    });
    await expect(readStatuspageExport(page)).rejects.toThrow(/larger than 1,000 bytes/);
  });

  it("does not repeat an answer that is not JSON", async () => {
    const page = await serve((_request, response) => {
      response.end("<html>admin panel of internal-host-42</html>");
    });
    const error = await readStatuspageExport(page).catch((caught: Error) => caught);
    expect((error as Error).message).toBe(`components.json: malformed JSON in ${page}/api/v2/components.json`);
  });

  it("refuses names and texts longer than the admin allows, naming the field", async () => {
    const components = JSON.parse(await fixture("discord-components-with-group-2019.json"));
    components.components[0].name = "x".repeat(1_000_000);
    const incidents = JSON.parse(await fixture("discord-incidents.json"));
    incidents.incidents[0].incident_updates[0].body = `${"- ".repeat(2400)}x`;
    const serveFiles = (files: Record<string, unknown>) =>
      serve((request, response) => {
        const name = (request.url ?? "").replace("/api/v2/", "");
        response.end(JSON.stringify(files[name] ?? {}));
      });
    const longName = await serveFiles({ "components.json": components });
    await expect(readStatuspageExport(longName)).rejects.toThrow(
      "components.json: components[0].name: Keep the name under 100 characters.",
    );
    const deepList = await serveFiles({
      "components.json": JSON.parse(await fixture("discord-components-with-group-2019.json")),
      "incidents.json": incidents,
    });
    await expect(readStatuspageExport(deepList)).rejects.toThrow(
      "incidents.json: incidents[0].incident_updates[0].body: In the message: Lists and quotes may be nested 10 levels deep at most.",
    );
  });
});
