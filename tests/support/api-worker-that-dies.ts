import { parentPort } from "node:worker_threads";

// A status write worker thread (lib/components/status-write-worker-thread.ts) that starts, then
// dies at its first write, as a thread that crashes with writes in flight does.

const port = parentPort!;
port.postMessage("ready");
port.on("message", () => process.exit(1));
