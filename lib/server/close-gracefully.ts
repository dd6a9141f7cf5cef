import type http from "node:http";

/**
 * Stops a server the way a rolling deploy needs: it takes no new connection at once, closes the
 * idle keep-alive ones, lets the requests under way finish (a staff member's save, a page being
 * sent) for up to `graceMs`, and only then cuts what is left. A load balancer in front sends the
 * next requests to another instance; cutting a request mid-way would answer it 502 there (nginx
 * retries only what it can repeat safely, never a POST).
 */
export function closeGracefully(server: http.Server, graceMs: number): Promise<void> {
  // A kept-alive connection still carries requests: a balancer under load sends its next one as
  // soon as the last answer came, so that connection is never idle when swept, and whatever it
  // carried at the end of the grace period would be cut. Each request it still sends is answered
  // with Connection: close, after which Node closes it. (First among the listeners, before the
  // handler answers a cached page at once.)
  server.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!res.headersSent) res.setHeader("connection", "close");
  });
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
