import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeApiKey, makeComponent } from "../../tests/support/factories.ts";
import type { Db } from "../db/client.ts";
import { DatabaseBusyError, DatabaseUnavailableError, ForbiddenError, NotFoundError, OutcomeUnknownError } from "../errors.ts";
import { jsonErrorResponse } from "../http/json-errors.ts";
import { applyBatched, routeStatusWritesTo, submitComponentStatus, takeBackStatusWrites } from "./status-write-batches.ts";
import { receivedError, type StatusWriteWorker, sendError, startStatusWriteWorker } from "./status-write-worker.ts";

// The server's status write worker: a real thread on a real database, handed writes through
// submitComponentStatus as the write API hands them.

let db: Db;
let worker: StatusWriteWorker;

beforeAll(async () => {
  const own = await ownDatabase();
  db = own.db;
  worker = startStatusWriteWorker({ databaseUrl: own.url, fallback: (write) => applyBatched(db, write) });
  routeStatusWritesTo({ db, worker });
});

afterAll(async () => {
  takeBackStatusWrites(worker);
  await worker.stop();
});

/** A worker running the thread module at `entry` (relative to this file), falling back to this thread. */
const workerFrom = (entry: string) =>
  startStatusWriteWorker({
    databaseUrl: "postgresql://unused",
    fallback: (write) => applyBatched(db, write),
    entry: new URL(entry, import.meta.url).href,
  });

/** A new component and a write that puts it in a major outage, by a key that may. */
async function aWrite() {
  const key = await makeApiKey(db, { scopes: ["components"] });
  const component = await makeComponent(db);
  const write = { actor: key, input: { componentId: component.id, status: "major_outage" as const, deliverNotifications: true } };
  return { component, write };
}

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

  it("writes on this thread what a worker that cannot start was handed, and everything after", async () => {
    const { component, write } = await aWrite();
    const broken = workerFrom("./no-such-worker-module.ts");
    expect(await broken.submit(write)).toEqual({ changed: true });
    expect(await broken.submit({ ...write, input: { ...write.input, status: "operational" } })).toEqual({ changed: true });
    expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("operational");
    await broken.stop();
  });

  it("tells a write handed to a worker that then died that it may have been saved, never that nothing was", async () => {
    const { write } = await aWrite();
    const dying = workerFrom("../../tests/support/status-worker-that-dies.ts");
    // The thread says it is ready before it reads a write, and Node delivers a thread's messages
    // before its exit: the write was handed to a started worker, not kept for the fallback.
    const outcome = await dying.submit(write).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(OutcomeUnknownError);
    const response = jsonErrorResponse(outcome);
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: string }).error).toMatch(/may or may not have been saved/);
    await dying.stop();
  });

  it("rebuilds each error a write can meet as the class the API maps to its status", () => {
    const roundTrip = (error: Error) => receivedError(structuredClone(sendError(error)));
    const forbidden = roundTrip(new ForbiddenError("no scope", true));
    expect(forbidden).toBeInstanceOf(ForbiddenError);
    expect((forbidden as ForbiddenError).signedOut).toBe(true);
    expect(roundTrip(new NotFoundError("gone"))).toBeInstanceOf(NotFoundError);
    expect(roundTrip(new DatabaseBusyError())).toBeInstanceOf(DatabaseBusyError);
    expect(roundTrip(new DatabaseUnavailableError())).toBeInstanceOf(DatabaseUnavailableError);
    const unexpected = roundTrip(new TypeError("boom"));
    expect(unexpected.constructor).toBe(Error);
    expect(unexpected.message).toContain("boom");
  });
});
