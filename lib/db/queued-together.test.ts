import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeComponent } from "../../tests/support/factories.ts";
import { type DbOrTx, inTransaction } from "./client.ts";
import { queuedTogether } from "./queued-together.ts";

// Statements issued together in one transaction, against the test database.

describe("queuedTogether", () => {
  it("resolves with every statement's result, in the order given", async () => {
    const [one, two] = await inTransaction(testDb(), (tx) =>
      queuedTogether([tx.$queryRaw<{ n: number }[]>`SELECT 1 AS n`, tx.$queryRaw<{ n: number }[]>`SELECT 2 AS n`]),
    );
    expect(one[0]!.n).toBe(1);
    expect(two[0]!.n).toBe(2);
  });

  it("rejects with the failure when one statement fails, and the transaction keeps none of the group's changes", async () => {
    const component = await makeComponent(testDb(), { name: "Before" });
    const rename = (name: string) => (tx: DbOrTx) =>
      tx.$executeRaw`UPDATE "Component" SET name = ${name} WHERE id = ${component.id}`;
    await expect(
      inTransaction(testDb(), (tx) => queuedTogether([rename("First")(tx), tx.$executeRaw`SELECT 1 / 0`, rename("Third")(tx)])),
    ).rejects.toThrow(/division by zero/);
    expect((await testDb().component.findUniqueOrThrow({ where: { id: component.id } })).name).toBe("Before");
  });
});
