// `npx tsx scripts/bench/post-burst.ts [--posts 100]`
// Posts that many updates to one incident at once through the app's database client (its pool,
// lock and statement timeouts) and prints how many were refused and how long each waited: a burst
// must queue for the pool's connections, not be refused.
import { createDb } from "../../lib/db/client.ts";
import { migrate } from "../../lib/db/migrate.ts";
import { createIncident } from "../../lib/incidents/create-incident.ts";
import { postUpdate } from "../../lib/incidents/post-update.ts";
import { makeComponent, makeStaff } from "../../tests/support/factories.ts";
import { createScratchDatabase, openTestServer } from "../../tests/support/scratch-database.ts";

const args = process.argv.slice(2);
const postsIndex = args.indexOf("--posts");
const posts = postsIndex >= 0 ? Number(args[postsIndex + 1]) : 100;

const server = await openTestServer();
const database = await createScratchDatabase(server.adminUrl, "upstate_bench");
try {
  await migrate(database.url);
  const db = createDb(database.url);
  const actor = await makeStaff(db);
  const component = await makeComponent(db);
  const { id } = await createIncident({
    db,
    actor,
    input: {
      name: "Burst",
      status: "investigating",
      message: "Looking.",
      components: [{ componentId: component.id, status: "major_outage" }],
    },
  });
  const started = performance.now();
  const waits: number[] = [];
  const refusals: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: posts }, async (_, index) => {
      const postedAt = performance.now();
      try {
        await postUpdate({ db, actor, input: { incidentId: id, status: "identified", message: `Update ${index}` } });
      } catch (error) {
        const kind = error instanceof Error ? error.constructor.name : String(error);
        refusals[kind] = (refusals[kind] ?? 0) + 1;
      }
      waits.push(performance.now() - postedAt);
    }),
  );
  waits.sort((a, b) => a - b);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `${posts} simultaneous posts to one incident: ${posts - Object.values(refusals).reduce((a, b) => a + b, 0)} saved, refused: ${JSON.stringify(refusals)}; ` +
      `wait median ${seconds(waits[Math.floor(posts / 2)]!)}, max ${seconds(waits[posts - 1]!)}, all done in ${seconds(performance.now() - started)}`,
  );
  await db.$disconnect();
} finally {
  await database.drop();
  await server.close();
}
