import { Worker } from "node:worker_threads";
import { OutcomeUnknownError } from "../errors.ts";
import { errorAnswer } from "../http/json-errors.ts";
import { failureLog } from "../log/failure-log.ts";
import { type ApiAnswer, type ApiRequestData, answerOf } from "./api-handler.ts";

// The write API (/api/v1) answered in a thread of its own in the server (api-worker-thread.ts):
// the front thread reads a request, hands it over whole, and writes back the answer, two turns of
// its event loop. Answered on the front thread, a status write took a dozen turns (the key's
// lookup, the body, the batch, the answer's read, its body), each waiting behind the crowd's
// requests for a public page during an outage: the write took 230 ms at the median there, of
// which its own work was a fraction. In this thread the write API keeps its own pool, its status
// write batches (status-write-batches.ts), its shared reads and its keys' rate limits.

export type ApiWorker = {
  answer: (request: ApiRequestData) => Promise<ApiAnswer>;
  stop: () => Promise<void>;
};

export type ApiWorkerRequest = { id: number; request: ApiRequestData };
export type ApiWorkerReply = { id: number; answer: ApiAnswer };

/** How long a stopping server waits for the requests under way in the thread before it ends it. */
const STOP_GRACE_MS = 10_000;

/** Methods whose request may be answered again elsewhere: they change nothing. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Starts the API thread on `databaseUrl` (a pool of its own). Requests handed over before it is
 * ready wait for it; if it cannot start, they (and the requests after) are answered by `fallback`
 * on this thread, and the failure is logged. A thread that stops after starting leaves the
 * requests it held: a read is answered by `fallback`, a change is answered 500 saying it may or
 * may not have been saved (the thread may have committed it); later requests go to `fallback`.
 */
export function startApiWorker(options: {
  databaseUrl: string;
  basePath: string;
  fallback: (request: ApiRequestData) => Promise<ApiAnswer>;
  /** The thread's module (a test gives one that cannot load, or that dies). */
  entry?: string;
}): ApiWorker {
  const entry = options.entry ?? new URL("./api-worker-thread.ts", import.meta.url).href;
  // The app runs its TypeScript through tsx (`npm start`), which a new thread must register again.
  const worker = new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, {
    eval: true,
    workerData: { databaseUrl: options.databaseUrl, basePath: options.basePath },
  });
  type Waiting = { request: ApiRequestData; resolve: (answer: ApiAnswer) => void; reject: (error: unknown) => void };
  const pending = new Map<number, Waiting>();
  let next = 0;
  let started = false;
  // Asked to stop: new requests are answered here, and the thread's end is not a failure.
  let stopping = false;
  let ended = false;
  const answerHere = (waiting: Waiting) => options.fallback(waiting.request).then(waiting.resolve, waiting.reject);
  worker.on("message", (reply: ApiWorkerReply | "ready") => {
    if (reply === "ready") {
      started = true;
      return;
    }
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    waiting.resolve(reply.answer);
  });
  const end = (error: unknown) => {
    if (ended) return;
    ended = true;
    if (!stopping) failureLog.report(started ? "the API thread stopped" : "the API thread could not start", error);
    // What it still held (a crash, or a stop that outlasted its grace).
    for (const waiting of pending.values()) {
      // Never answered if the thread never started, and a read changes nothing: answered here.
      // A change handed over may have been made: the client is told so, not that nothing was saved.
      if (!started || SAFE_METHODS.has(waiting.request.method)) void answerHere(waiting);
      else waiting.resolve(answerOf(errorAnswer(new OutcomeUnknownError())));
    }
    pending.clear();
  };
  worker.on("error", end);
  worker.on("exit", (code) => end(new Error(`exit code ${code}`)));
  // It must not keep a stopping server alive.
  worker.unref();
  return {
    answer(request) {
      if (ended || stopping) return options.fallback(request);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { request, resolve, reject });
        worker.postMessage({ id, request } satisfies ApiWorkerRequest);
      });
    },
    async stop() {
      if (ended || stopping) return;
      // The thread answers the requests it holds, then exits.
      stopping = true;
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage("stop");
      const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
