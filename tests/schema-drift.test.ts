import pg from "pg";
import { describe, expect, it } from "vitest";
import { describeSchema } from "../lib/db/catalog.ts";
import { diffSchemas, readSchema } from "../lib/db/schema-engine.ts";
import { ownDatabase } from "./support/db.ts";

// Fails when prisma/schema.prisma and prisma/migrations disagree: a database built by the
// migrations must have exactly the structure Prisma's engine builds from the schema.
describe("schema drift", () => {
  it("the migrations build exactly what schema.prisma describes", async () => {
    const fromMigrations = await ownDatabase();
    const fromSchema = await ownDatabase({ migrated: false });
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query(await diffSchemas(fromSchema.url, null, await readSchema()));
    await client.end();

    const expected = await describeSchema(fromSchema.url);
    const actual = await describeSchema(fromMigrations.url);
    expect(expected.length).toBeGreaterThan(50);
    expect(
      {
        missingFromMigrations: expected.filter((line) => !actual.includes(line)),
        notInSchema: actual.filter((line) => !expected.includes(line)),
      },
      "schema.prisma and prisma/migrations disagree: run `npm run db:migration -- <name>`",
    ).toEqual({ missingFromMigrations: [], notInSchema: [] });
  });
});
