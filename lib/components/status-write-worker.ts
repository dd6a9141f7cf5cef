import { Worker } from "node:worker_threads";
import { DatabaseBusyError, DatabaseUnavailableError, ForbiddenError, NotFoundError } from "../errors.ts";
import type { StatusWrite } from "./core/apply-component-status.ts";

// The write API's batched status writes (status-write-batches.ts) run in a thread of their own in
// the server: each batch is a dozen round trips to the database, and on the thread that also
// answers the visitors every round trip waited behind the crowd's requests (a batch took 150 ms
// under a crowd, 60 ms without). Here the batch's database work keeps its own thread; the crowd's
// thread only hands each write over and gets its outcome back. Outcomes cross the thread as plain
// data: the errors a write can meet are rebuilt as the same classes on this side.

export type WorkerRequest = { id: number; write: StatusWrite };
export type WorkerReply = { id: number; changed: boolean } | { id: number; error: SentError };
export type SentError = { kind: string; message: string; signedOut?: boolean };

/** An error as it crosses to the other thread. */
export function sendError(error: unknown): SentError {
  if (error instanceof ForbiddenError) return { kind: "forbidden", message: error.message, signedOut: error.signedOut };
  if (error instanceof NotFoundError) return { kind: "not_found", message: error.message };
  if (error instanceof DatabaseBusyError) return { kind: "database_busy", message: error.message };
  if (error instanceof DatabaseUnavailableError) return { kind: "database_unavailable", message: error.message };
  return { kind: "unexpected", message: error instanceof Error ? error.message : String(error) };
}

/** The error a write met in the worker, as this thread's class. */
export function receivedError(sent: SentError): Error {
  switch (sent.kind) {
    case "forbidden":
      return new ForbiddenError(sent.message, sent.signedOut);
    case "not_found":
      return new NotFoundError(sent.message);
    case "database_busy":
      return new DatabaseBusyError(sent.message);
    case "database_unavailable":
      return new DatabaseUnavailableError(sent.message);
    default:
      return new Error(`The status write failed in its worker: ${sent.message}`);
  }
}

export type StatusWriteWorker = {
  submit: (write: StatusWrite) => Promise<{ changed: boolean }>;
  stop: () => Promise<void>;
};

/**
 * Starts the worker thread on `databaseUrl` (its own small pool). A worker that stops fails the
 * writes it held; `onExit` is told, so that later writes go back to this thread.
 */
export function startStatusWriteWorker(options: { databaseUrl: string; onExit?: () => void }): StatusWriteWorker {
  const entry = new URL("./status-write-worker-thread.ts", import.meta.url).href;
  // The app runs its TypeScript through tsx (`npm start`), which a new thread must register again.
  const worker = new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, {
    eval: true,
    workerData: { databaseUrl: options.databaseUrl },
  });
  const pending = new Map<number, { resolve: (outcome: { changed: boolean }) => void; reject: (error: unknown) => void }>();
  let next = 0;
  let stopped = false;
  worker.on("message", (reply: WorkerReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ("error" in reply) waiting.reject(receivedError(reply.error));
    else waiting.resolve({ changed: reply.changed });
  });
  const fail = (error: Error) => {
    stopped = true;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    options.onExit?.();
  };
  worker.on("error", (error) => fail(error));
  worker.on("exit", () => fail(new Error("The status write worker stopped.")));
  // It must not keep a stopping server alive.
  worker.unref();
  return {
    submit(write) {
      if (stopped) return Promise.reject(new Error("The status write worker stopped."));
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, write } satisfies WorkerRequest);
      });
    },
    async stop() {
      if (stopped) return;
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage("stop");
      await exited;
    },
  };
}
