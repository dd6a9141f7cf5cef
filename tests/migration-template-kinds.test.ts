import pg from "pg";
import { expect, it } from "vitest";
import { migrate } from "../lib/db/migrate.ts";
import { databaseBefore } from "./support/migration-test.ts";

const MIGRATION = "20261201000047_template_kinds";

// Before templates had kinds, the postmortem editor started from the template named "Postmortem"
// (in any case); the migration must make exactly those postmortem templates, keeping every text.
it("makes the templates named Postmortem postmortem templates, and every other one an update template", async () => {
  const url = await databaseBefore(MIGRATION);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const template = (id: string, name: string, title: string | null, status: string | null) =>
      client.query(
        `INSERT INTO "IncidentTemplate" (id, name, title, status, body, "updatedAt")
         VALUES ($1, $2, $3, $4::"IncidentStatus", $1 || ' text', now())`,
        [id, name, title, status],
      );
    await template("t1", "Postmortem", null, null);
    await template("t2", " postmortem ", "Left from before", "investigating");
    await template("t3", "Investigating", "Degraded performance", "investigating");
    await template("t4", "Postmortem draft", null, null);
    // A "Postmortem" template an alert mapping opens incidents from is in use as an update template.
    await template("t6", "POSTMORTEM", "Checkout is failing", "identified");
    await client.query(
      `INSERT INTO "Component" (id, name, "startDate", "updatedAt") VALUES ('c1', 'Checkout', '2026-01-01', now())`,
    );
    await client.query(
      `INSERT INTO "AlertMapping" (id, name, matchers, "componentId", status, "templateId", "updatedAt")
       VALUES ('m1', 'Checkout alerts', '[]', 'c1', 'major_outage', 't6', now())`,
    );
  } finally {
    await client.end();
  }

  expect(await migrate(url)).toEqual([MIGRATION]);
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  try {
    const { rows } = await check.query(`SELECT id, kind::text, title, status::text, body FROM "IncidentTemplate" ORDER BY id`);
    expect(rows).toEqual([
      { id: "t1", kind: "postmortem", title: null, status: null, body: "t1 text" },
      { id: "t2", kind: "postmortem", title: null, status: null, body: "t2 text" },
      { id: "t3", kind: "update", title: "Degraded performance", status: "investigating", body: "t3 text" },
      { id: "t4", kind: "update", title: null, status: null, body: "t4 text" },
      { id: "t6", kind: "update", title: "Checkout is failing", status: "identified", body: "t6 text" },
    ]);
    // A template saved without a kind is an update template.
    await check.query(`INSERT INTO "IncidentTemplate" (id, name, body, "updatedAt") VALUES ('t5', 'New', 'Text', now())`);
    expect((await check.query(`SELECT kind::text FROM "IncidentTemplate" WHERE id = 't5'`)).rows).toEqual([{ kind: "update" }]);
  } finally {
    await check.end();
  }
});
