import { parentPort } from "node:worker_threads";

// An API thread (lib/server/api-worker-thread.ts) that starts, then dies at its first request, as
// a thread that crashes with requests in flight does.

const port = parentPort!;
port.postMessage("ready");
port.on("message", () => process.exit(1));
