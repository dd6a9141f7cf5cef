import pg from "pg";
import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeComponent, makeStaff } from "../../tests/support/factories.ts";
import { createDb } from "../db/client.ts";
import { createIncident } from "../incidents/create-incident.ts";

// Writers of several components lock them all first, in id order (lockComponents), as a batch of
// status writes does: a writer given them in another order must not hold a later one while it
// waits for an earlier one, or it and a batch could each hold what the other waits for.

async function session(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe("a writer of several components", () => {
  it("waiting for the first component in id order holds none of the later ones", async () => {
    // A database of its own: no other test's lock waits are seen here.
    const { url, db } = await ownDatabase();
    // Without the app's 5 s lock timeout: the writer waits for the holder, however slow the machine.
    const patient = createDb(url, { limits: false });
    const actor = await makeStaff(db);
    const made = [await makeComponent(db), await makeComponent(db)];
    const [first, second] = made.map((component) => component.id).sort();
    const holder = await session(url);
    const prober = await session(url);
    let writing: Promise<unknown> | undefined;
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT id FROM "Component" WHERE id = $1 FOR NO KEY UPDATE`, [first]);
      // The later component named first: a writer going by the request's order would lock it, then wait.
      writing = createIncident({
        db: patient,
        actor,
        input: {
          name: "Two components, named in reverse order",
          status: "investigating",
          message: "Investigating.",
          components: [
            { componentId: second!, status: "major_outage" },
            { componentId: first!, status: "major_outage" },
          ],
        },
      });
      // Its outcome is awaited below; a failure meanwhile must not go unhandled.
      writing.catch(() => {});
      const waiting = async () => {
        const { rows } = await prober.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR NO KEY UPDATE%'`,
        );
        return rows[0]!.n > 0;
      };
      for (let tries = 0; !(await waiting()); tries++) {
        expect(tries, "the writer waits for the first component").toBeLessThan(600);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // While the writer waits, the later component is free.
      await prober.query("BEGIN");
      const free = await prober.query(`SELECT id FROM "Component" WHERE id = $1 FOR NO KEY UPDATE NOWAIT`, [second]);
      expect(free.rows).toEqual([{ id: second }]);
      await prober.query("ROLLBACK");
      await holder.query("COMMIT");
      await writing;
      const statuses = await db.component.findMany({ where: { id: { in: [first!, second!] } }, select: { status: true } });
      expect(statuses.map((component) => component.status)).toEqual(["major_outage", "major_outage"]);
    } finally {
      await holder.end();
      await prober.end();
      await writing?.catch(() => {});
      await patient.$disconnect();
    }
  });
});
