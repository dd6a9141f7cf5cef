import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "../db/client.ts";
import { applyBatched } from "./status-write-batches.ts";
import { sendError, type WorkerReply, type WorkerRequest } from "./status-write-worker.ts";

// The worker thread's side of status-write-worker.ts: batches the writes it is handed exactly as
// the server's thread would (status-write-batches.ts), on a pool of its own.

const port = parentPort!;
const db = createDb((workerData as { databaseUrl: string }).databaseUrl, { connections: 3 });

port.postMessage("ready");

port.on("message", (message: WorkerRequest | "stop") => {
  if (message === "stop") {
    void db.$disconnect().finally(() => process.exit(0));
    return;
  }
  const { id, write } = message;
  applyBatched(db, write).then(
    (outcome) => port.postMessage({ id, changed: outcome.changed } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id, error: sendError(error) } satisfies WorkerReply),
  );
});
