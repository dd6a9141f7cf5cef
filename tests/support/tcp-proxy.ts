import net from "node:net";

// A TCP proxy in front of PostgreSQL, to make the database fail in the ways networks do: go away
// (connections refused), go silent (a connection that stops forwarding without closing, as when a
// NAT forgets it), or lose notifications (as a pooler in transaction mode does).

export type TcpProxy = {
  port: number;
  /** A connection string like `url`, through the proxy. */
  urlFor: (url: string) => string;
  /** Existing connections stop forwarding, silently; new ones work. */
  freezeExisting: () => void;
  /** From now on, PostgreSQL's notification messages are not passed on to clients. */
  dropNotifications: () => void;
  /** Stops listening and cuts every connection: the database is unreachable. */
  stop: () => Promise<void>;
  /** Listens again on the same port. */
  start: () => Promise<void>;
};

type Pair = { client: net.Socket; server: net.Socket; frozen: boolean };

export async function openTcpProxy(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let filterNotifications = false;
  let server: net.Server | undefined;

  const accept = (client: net.Socket) => {
    const upstream = net.connect(target.port, target.host);
    const pair: Pair = { client, server: upstream, frozen: false };
    pairs.add(pair);
    const cut = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", cut).on("close", cut);
    upstream.on("error", cut).on("close", cut);
    client.on("data", (chunk: Buffer) => {
      if (!pair.frozen) upstream.write(chunk);
    });
    // Server to client: PostgreSQL messages, each a type byte and a 4-byte length (the length
    // counting itself), so that notifications ('A') can be left out.
    let pending = Buffer.alloc(0);
    upstream.on("data", (chunk: Buffer) => {
      if (pair.frozen) return;
      pending = Buffer.concat([pending, chunk]);
      const kept: Buffer[] = [];
      while (pending.length >= 5) {
        const length = 1 + pending.readUInt32BE(1);
        if (pending.length < length) break;
        const message = pending.subarray(0, length);
        if (!(filterNotifications && message[0] === 0x41)) kept.push(message);
        pending = pending.subarray(length);
      }
      if (kept.length) client.write(Buffer.concat(kept));
    });
  };

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const listening = net.createServer(accept);
      listening.once("error", reject);
      listening.listen(port, "127.0.0.1", () => {
        port = (listening.address() as net.AddressInfo).port;
        server = listening;
        resolve();
      });
    });

  await start();
  return {
    get port() {
      return port;
    },
    urlFor: (url) => {
      const parsed = new URL(url);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(port);
      return parsed.toString();
    },
    freezeExisting: () => {
      for (const pair of pairs) pair.frozen = true;
    },
    dropNotifications: () => {
      filterNotifications = true;
    },
    stop: async () => {
      const closing = server;
      server = undefined;
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server.destroy();
      }
      pairs.clear();
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    start,
  };
}
