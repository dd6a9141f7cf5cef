import net from "node:net";

/** Resolves when `port` can be bound on `host`; rejects with a clear message otherwise. */
export function checkPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE")
        reject(
          new Error(
            `Port ${port} is already in use. Stop what is using it, or start Upstate on another port: PORT=3001 npm start`,
          ),
        );
      else if (error.code === "EACCES")
        reject(new Error(`Not allowed to listen on port ${port}. Use a port above 1023: PORT=3000 npm start`));
      else reject(error);
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
