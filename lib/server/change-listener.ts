import pg from "pg";
import { PUBLIC_CHANGE_CHANNEL, type PublicChange } from "../cache/public-change.ts";

/**
 * Listens for public changes committed by any Upstate process. While the database is away it
 * keeps trying to reconnect; on reconnecting it reports a change to everything, since
 * notifications sent meanwhile were lost.
 */
export function listenForPublicChanges(
  connectionString: string,
  onChange: (change: PublicChange) => void,
): { close: () => Promise<void> } {
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | undefined;
  let connectedBefore = false;

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000, keepAlive: true });
    next.on("error", () => scheduleReconnect(next));
    next.on("end", () => scheduleReconnect(next));
    next.on("notification", (message) => {
      try {
        onChange(JSON.parse(message.payload ?? "{}") as PublicChange);
      } catch {
        onChange({ all: true });
      }
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${PUBLIC_CHANGE_CHANNEL}`);
      client = next;
      retryMs = 500;
      if (connectedBefore) onChange({ all: true });
      connectedBefore = true;
    } catch {
      scheduleReconnect(next);
    }
  };

  const scheduleReconnect = (failed: pg.Client) => {
    if (closed || (client && client !== failed) || timer) return;
    client = undefined;
    failed.end().catch(() => {});
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 10_000);
  };

  void connect();
  return {
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
