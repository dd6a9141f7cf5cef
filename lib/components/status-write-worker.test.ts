import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeApiKey, makeComponent } from "../../tests/support/factories.ts";
import type { Db } from "../db/client.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { submitComponentStatus, useStatusWriteWorker } from "./status-write-batches.ts";
import { type StatusWriteWorker, startStatusWriteWorker } from "./status-write-worker.ts";

// The server's status write worker: a real thread on a real database, handed writes through
// submitComponentStatus as the write API hands them.

let db: Db;
let worker: StatusWriteWorker;

beforeAll(async () => {
  const own = await ownDatabase();
  db = own.db;
  worker = startStatusWriteWorker({ databaseUrl: own.url });
  useStatusWriteWorker({ db, worker });
});

afterAll(async () => {
  useStatusWriteWorker(null);
  await worker.stop();
});

describe("the status write worker", () => {
  it("applies a burst of writes in order, and sends back each refusal as the error a write on this thread would throw", async () => {
    const writer = await makeApiKey(db, { scopes: ["components"] });
    const reader = await makeApiKey(db, { scopes: ["read"] });
    const component = await makeComponent(db);
    const results = await Promise.allSettled([
      submitComponentStatus({ db, actor: writer, input: { componentId: component.id, status: "major_outage" } }),
      submitComponentStatus({ db, actor: writer, input: { componentId: component.id, status: "major_outage" } }),
      submitComponentStatus({ db, actor: writer, input: { componentId: component.id, status: "partial_outage" } }),
      submitComponentStatus({ db, actor: reader, input: { componentId: component.id, status: "operational" } }),
      submitComponentStatus({ db, actor: writer, input: { componentId: "gone", status: "operational" } }),
    ]);
    expect(results.slice(0, 3).map((r) => r.status === "fulfilled" && r.value.changed)).toEqual([true, false, true]);
    const [refused, missing] = results.slice(3);
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(ForbiddenError);
    expect(refused?.status === "rejected" && (refused.reason as Error).message).toContain("scope");
    expect(missing?.status === "rejected" && missing.reason).toBeInstanceOf(NotFoundError);
    const history = await db.componentStatusChange.findMany({
      where: { componentId: component.id, source: "manual" },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(history.map((change) => change.status)).toEqual(["major_outage", "partial_outage"]);
    expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("partial_outage");
  });

  it("is not used for another database: those writes stay on this thread", async () => {
    const other = await ownDatabase();
    const key = await makeApiKey(other.db, { scopes: ["components"] });
    const component = await makeComponent(other.db);
    await submitComponentStatus({ db: other.db, actor: key, input: { componentId: component.id, status: "major_outage" } });
    expect((await other.db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("major_outage");
  });
});
