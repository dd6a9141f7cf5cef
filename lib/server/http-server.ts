import http from "node:http";
import next from "next";

export type RunningServer = { close: () => Promise<void> };

/** Serves the Next.js app from a custom server, so that the process owns its lifecycle. */
export async function startHttpServer(options: {
  dir: string;
  port: number;
  host: string;
  dev: boolean;
}): Promise<RunningServer> {
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("Unhandled error while serving", req.url, error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
