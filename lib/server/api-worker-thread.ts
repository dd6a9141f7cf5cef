import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "../db/client.ts";
import { errorAnswer } from "../http/json-errors.ts";
import { answerApiRequest, answerOf } from "./api-handler.ts";
import type { ApiWorkerReply, ApiWorkerRequest } from "./api-worker.ts";

// The API thread's side of api-worker.ts: answers each request handed over exactly as the front
// thread would (answerApiRequest), on a pool of its own.

const port = parentPort!;
const { databaseUrl, basePath } = workerData as { databaseUrl: string; basePath: string };
const db = createDb(databaseUrl, { connections: 5 });
let underWay = 0;
let stopping = false;

port.postMessage("ready");

port.on("message", (message: ApiWorkerRequest | "stop") => {
  if (message === "stop") {
    stopping = true;
    if (underWay === 0) void stop();
    return;
  }
  const { id, request } = message;
  underWay++;
  void answerApiRequest(request, { basePath, db })
    // Nothing it meets is left unanswered: anything unexpected is a logged 500.
    .catch((error: unknown) => answerOf(errorAnswer(error)))
    .then((answer) => {
      port.postMessage({ id, answer } satisfies ApiWorkerReply);
      underWay--;
      if (stopping && underWay === 0) void stop();
    });
});

async function stop() {
  await db.$disconnect();
  process.exit(0);
}
