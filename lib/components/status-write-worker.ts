import { Worker } from "node:worker_threads";
import { DatabaseBusyError, DatabaseUnavailableError, ForbiddenError, NotFoundError, OutcomeUnknownError } from "../errors.ts";
import { failureLog } from "../log/failure-log.ts";
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

/** How long a stopping server waits for the worker's batch under way before it ends the thread. */
const STOP_GRACE_MS = 10_000;

/**
 * Starts the worker thread on `databaseUrl` (its own small pool). Writes handed over before it is
 * ready wait for it; if it cannot start, they (and the writes after) go to `fallback`, on this
 * thread, and the failure is logged. A worker that stops after starting fails the writes it held
 * (whether their batch committed is unknown); `onExit` is told, so that later writes go back to
 * this thread.
 */
export function startStatusWriteWorker(options: {
  databaseUrl: string;
  fallback: (write: StatusWrite) => Promise<{ changed: boolean }>;
  onExit?: () => void;
  /** The thread's module (a test gives one that cannot load). */
  entry?: string;
}): StatusWriteWorker {
  const entry = options.entry ?? new URL("./status-write-worker-thread.ts", import.meta.url).href;
  // The app runs its TypeScript through tsx (`npm start`), which a new thread must register again.
  const worker = new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, {
    eval: true,
    workerData: { databaseUrl: options.databaseUrl },
  });
  type Waiting = { write: StatusWrite; resolve: (outcome: { changed: boolean }) => void; reject: (error: unknown) => void };
  const pending = new Map<number, Waiting>();
  let next = 0;
  let state: "starting" | "ready" | "stopped" = "starting";
  worker.on("message", (reply: WorkerReply | "ready") => {
    if (reply === "ready") {
      state = "ready";
      return;
    }
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ("error" in reply) waiting.reject(receivedError(reply.error));
    else waiting.resolve({ changed: reply.changed });
  });
  const end = (error: unknown) => {
    if (state === "stopped") return;
    const started = state === "ready";
    state = "stopped";
    failureLog.report(started ? "the status write worker stopped" : "the status write worker could not start", error);
    for (const waiting of pending.values()) {
      // Never written if the worker never started: written here instead.
      // Handed over, maybe written: the client is told so, not that nothing was saved.
      if (started) waiting.reject(new OutcomeUnknownError());
      else options.fallback(waiting.write).then(waiting.resolve, waiting.reject);
    }
    pending.clear();
    options.onExit?.();
  };
  worker.on("error", end);
  worker.on("exit", (code) => end(new Error(`exit code ${code}`)));
  // It must not keep a stopping server alive.
  worker.unref();
  return {
    submit(write) {
      if (state === "stopped") return options.fallback(write);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { write, resolve, reject });
        worker.postMessage({ id, write } satisfies WorkerRequest);
      });
    },
    async stop() {
      if (state === "stopped") return;
      // Asked to: not a failure to report.
      state = "stopped";
      options.onExit?.();
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage("stop");
      const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
