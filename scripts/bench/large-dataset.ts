import pg from "pg";

// `npm run bench -- --large`: 10,000 incidents, 200 components in 10 groups, 3 years of status
// history, added to a seeded database with SQL (seconds, not minutes).
export async function addLargeDataset(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`
      INSERT INTO "ComponentGroup" (id, name, position, "updatedAt")
      SELECT 'bench_g' || g, 'Region ' || g, 10 + g, now() FROM generate_series(1, 10) g;

      INSERT INTO "Component" (id, name, position, "groupId", "startDate", "updatedAt")
      SELECT 'bench_c' || c, 'Service ' || c, c, 'bench_g' || (1 + (c - 1) / 20), (now() - interval '3 years')::date, now()
        FROM generate_series(1, 200) c;

      INSERT INTO "ComponentStatusChange" ("componentId", status, at, source)
      SELECT 'bench_c' || c, 'operational', now() - interval '3 years', 'seed' FROM generate_series(1, 200) c;

      INSERT INTO "Incident" (id, name, status, impact, "startedAt", "resolvedAt", "updatedAt")
      SELECT 'bench_i' || n, 'Generated incident ' || n, 'resolved',
             (ARRAY['minor', 'major', 'critical'])[1 + n % 3]::"Impact",
             t, t + ((20 + n % 100) || ' minutes')::interval, now()
        FROM (SELECT n, now() - interval '3 years' + n * (interval '3 years' - interval '2 days') / 10000 AS t
                FROM generate_series(1, 10000) n) s;

      INSERT INTO "IncidentComponent" ("incidentId", "componentId")
      SELECT 'bench_i' || n, 'bench_c' || (1 + (n * 7) % 200) FROM generate_series(1, 10000) n;

      INSERT INTO "IncidentUpdate" (id, "incidentId", status, body, "displayAt", "createdAt", "updatedAt")
      SELECT 'bench_u' || n || '_' || k, i.id, (ARRAY['investigating', 'monitoring', 'resolved'])[k]::"IncidentStatus",
             'Generated update ' || k || ' of incident ' || n || ': we are looking into **elevated errors** and will update soon.',
             i."startedAt" + ((k - 1) * 10 || ' minutes')::interval, i."startedAt", now()
        FROM generate_series(1, 10000) n CROSS JOIN generate_series(1, 3) k JOIN "Incident" i ON i.id = 'bench_i' || n;

      INSERT INTO "ComponentStatusChange" ("componentId", status, at, source, "incidentId")
      SELECT ic."componentId", (ARRAY['degraded_performance', 'partial_outage', 'major_outage'])[1 + substr(i.id, 8)::int % 3]::"ComponentStatus",
             i."startedAt", 'seed'::"StatusChangeSource", i.id
        FROM "Incident" i JOIN "IncidentComponent" ic ON ic."incidentId" = i.id WHERE i.id LIKE 'bench_i%'
      UNION ALL
      SELECT ic."componentId", 'operational'::"ComponentStatus", i."resolvedAt", 'seed'::"StatusChangeSource", i.id
        FROM "Incident" i JOIN "IncidentComponent" ic ON ic."incidentId" = i.id WHERE i.id LIKE 'bench_i%';
    `);
    await client.query("COMMIT");
    await client.query("ANALYZE");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await client.end();
  }
}
