// The notification workers of one Upstate process, alone, for `npm run bench -- --notify`:
// the bench kills it with SIGKILL in the middle of a fan-out and starts another.
import { createDb } from "../../lib/db/client.ts";
import { getJobQueue } from "../../lib/jobs/queue.ts";
import { startNotificationWorkers } from "../../lib/notifications/workers.ts";

const url = process.env.DATABASE_URL ?? "";
await startNotificationWorkers({ db: createDb(url), boss: await getJobQueue(url) });
process.send?.("ready");
// Asked to stop (BENCH_PROFILE_DIR): exit normally, so that --cpu-prof writes its profile.
process.on("message", (message) => {
  if (message === "exit") process.exit(0);
});
