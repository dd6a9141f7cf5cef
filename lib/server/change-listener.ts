import { randomUUID } from "node:crypto";
import pg from "pg";
import { PUBLIC_CHANGE_CHANNEL, type PublicChange, READ_PUBLIC_CHANGE_COUNTER } from "../cache/public-change.ts";

// Listens for public changes committed by any Upstate process (lib/cache/public-change.ts).
//
// A LISTEN connection can die without a word: a NAT or firewall forgets an idle connection, a
// pooler in transaction mode drops notifications. Nothing would then be reported and cached pages
// would only change when they expire. So the listener sends itself a heartbeat every few seconds
// (a notification on a private channel, carrying the public-change counter as it read it); one
// that does not come back in time means the connection is down, and it reconnects. While it is
// down, it polls that counter every second and reports a change to everything when it moves.
// Notifications are delivered in commit order, so a heartbeat's counter value covers every change
// notified before it: the value to compare with once the connection stops answering. Once a new
// connection answers a heartbeat, it reports a change to everything: notifications sent while
// none listened are lost, and so is anything written meanwhile without one (a restored backup).

export const HEARTBEAT_CHANNEL = "upstate_listener_heartbeat";

export type ChangeListenerOptions = {
  heartbeatMs?: number;
  /** How long a heartbeat may take to come back before the connection counts as dead. */
  heartbeatTimeoutMs?: number;
  /** How often the change counter is read while the listening connection is down. */
  pollMs?: number;
  /** The longest wait between two reconnection attempts. */
  maxRetryMs?: number;
  log?: (message: string) => void;
};

export function listenForPublicChanges(
  connectionString: string,
  onChange: (change: PublicChange) => void,
  options: ChangeListenerOptions = {},
): { close: () => Promise<void> } {
  const heartbeatMs = options.heartbeatMs ?? 3_000;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 3_000;
  const pollMs = options.pollMs ?? 1_000;
  const maxRetryMs = options.maxRetryMs ?? 2_000;
  const log = options.log ?? ((message: string) => console.log(`[upstate] ${message}`));
  const token = randomUUID();

  let closed = false;
  /** The connection being opened or in use; events of any other are stale. */
  let current: pg.Client | undefined;
  /** Whether a heartbeat came back on `current`: notifications reach this process. */
  let healthy = false;
  let failedBefore = false;
  /** The change counter up to which every change has been reported (null until first read). */
  let known: string | null = null;
  let downSince: number | null = null;
  let retryMs = 250;
  let beats = 0;
  let pendingBeat: { id: number; timer: NodeJS.Timeout } | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let poller: pg.Client | undefined;
  let polling = false;

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({
      connectionString,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      application_name: "upstate-change-listener",
    });
    current = next;
    next.on("error", (error) => lost(next, error.message));
    next.on("end", () => lost(next, "the connection was closed"));
    next.on("notification", (message) => {
      if (next !== current) return;
      if (message.channel === HEARTBEAT_CHANNEL) {
        const [from, id, value] = (message.payload ?? "").split(" ");
        if (from === token) heartbeatReturned(Number(id), value ?? "0");
        return;
      }
      try {
        onChange(JSON.parse(message.payload ?? "{}") as PublicChange);
      } catch {
        onChange({ all: true });
      }
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${PUBLIC_CHANGE_CHANNEL}`);
      await next.query(`LISTEN ${HEARTBEAT_CHANNEL}`);
      if (next !== current) return;
      retryMs = 250;
      beat();
    } catch (error) {
      lost(next, (error as Error).message);
    }
  };

  const beat = () => {
    const client = current;
    if (closed || !client || pendingBeat) return;
    const id = ++beats;
    pendingBeat = {
      id,
      timer: setTimeout(() => {
        if (client === current) lost(client, `no heartbeat came back within ${heartbeatTimeoutMs / 1000} s`);
      }, heartbeatTimeoutMs),
    };
    // One statement: the counter is read before the heartbeat is queued, so any change counted
    // in it was notified before the heartbeat arrives.
    client
      .query(`SELECT pg_notify($1, $2 || ' ' || (${READ_PUBLIC_CHANGE_COUNTER}))`, [HEARTBEAT_CHANNEL, `${token} ${id}`])
      .catch((error: Error) => lost(client, error.message));
  };

  const heartbeatReturned = (id: number, value: string) => {
    if (!pendingBeat || pendingBeat.id !== id) return;
    clearTimeout(pendingBeat.timer);
    pendingBeat = undefined;
    if (!healthy) {
      healthy = true;
      stopPolling();
      if (failedBefore) onChange({ all: true });
      if (downSince !== null) {
        log(`the change listener is connected again after ${Math.round((Date.now() - downSince) / 1000)} s`);
        downSince = null;
      }
    }
    known = value;
    heartbeatTimer = setTimeout(beat, heartbeatMs);
  };

  const lost = (failed: pg.Client, reason: string) => {
    if (closed || failed !== current) {
      drop(failed);
      return;
    }
    current = undefined;
    healthy = false;
    failedBefore = true;
    if (pendingBeat) clearTimeout(pendingBeat.timer);
    pendingBeat = undefined;
    clearTimeout(heartbeatTimer);
    drop(failed);
    if (downSince === null) {
      downSince = Date.now();
      log(
        `the change listener's connection is down (${reason}); reconnecting, and checking for changes every ${pollMs / 1000} s meanwhile`,
      );
    }
    startPolling();
    if (reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  };

  const startPolling = () => {
    if (!pollTimer && !closed) pollTimer = setInterval(() => void poll(), pollMs);
  };

  const stopPolling = () => {
    clearInterval(pollTimer);
    pollTimer = undefined;
    if (poller) drop(poller);
    poller = undefined;
  };

  const poll = async () => {
    if (polling || healthy || closed) return;
    polling = true;
    try {
      if (!poller) {
        const client = new pg.Client({
          connectionString,
          connectionTimeoutMillis: pollMs * 2,
          query_timeout: pollMs * 2,
          application_name: "upstate-change-poller",
        });
        client.on("error", () => {
          if (poller === client) poller = undefined;
          drop(client);
        });
        await client.connect();
        if (healthy || closed) {
          drop(client);
          return;
        }
        poller = client;
      }
      const { rows } = await poller.query<{ value: string }>(READ_PUBLIC_CHANGE_COUNTER);
      const value = rows[0]!.value;
      if (healthy || closed) return;
      if (known !== null && known !== value) onChange({ all: true });
      known = value;
    } catch {
      if (poller) drop(poller);
      poller = undefined;
    } finally {
      polling = false;
    }
  };

  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(reconnectTimer);
      clearTimeout(heartbeatTimer);
      if (pendingBeat) clearTimeout(pendingBeat.timer);
      stopPolling();
      const last = current;
      current = undefined;
      if (last) drop(last);
    },
  };
}

/** Closes a connection without waiting: one that stopped answering would never finish a goodbye. */
function drop(client: pg.Client) {
  client.end().catch(() => {});
  client.connection.stream.destroy();
}
