import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeApiKey, makeComponent } from "../../tests/support/factories.ts";
import type { Db } from "../db/client.ts";
import { type ApiAnswer, type ApiRequestData, answerApiRequest } from "./api-handler.ts";
import { type ApiWorker, startApiWorker } from "./api-worker.ts";

// The server's API thread: a real thread on a real database, handed requests as the front server
// hands them over.

let db: Db;
let worker: ApiWorker;
let answeredHere = 0;
const here = (request: ApiRequestData) => {
  answeredHere++;
  return answerApiRequest(request, { basePath: "", db });
};

beforeAll(async () => {
  const own = await ownDatabase();
  db = own.db;
  worker = startApiWorker({ databaseUrl: own.url, basePath: "", fallback: here });
});

afterAll(async () => {
  await worker.stop();
});

/** An API thread running the module at `entry` (relative to this file), falling back to this thread. */
const workerFrom = (entry: string) =>
  startApiWorker({
    databaseUrl: "postgresql://unused",
    basePath: "",
    fallback: here,
    entry: new URL(entry, import.meta.url).href,
  });

const statusPatch = (secret: string, componentId: string, status: string): ApiRequestData => ({
  method: "PATCH",
  url: `/api/v1/pages/upstate/components/${componentId}`,
  rawHeaders: ["Authorization", `Bearer ${secret}`, "Content-Type", "application/json"],
  body: new TextEncoder().encode(JSON.stringify({ component: { status } })),
});

const componentsRead = (secret: string): ApiRequestData => ({
  method: "GET",
  url: "/api/v1/pages/upstate/components",
  rawHeaders: ["Authorization", `OAuth ${secret}`],
  body: null,
});

const jsonOf = (answer: ApiAnswer) =>
  JSON.parse(new TextDecoder().decode(answer.body ?? new Uint8Array())) as Record<string, unknown>;

describe("the API thread", () => {
  it("answers a burst of status writes, each as set, and each refusal as the JSON error this thread would answer", async () => {
    const writer = await makeApiKey(db, { scopes: ["components"] });
    const reader = await makeApiKey(db, { scopes: ["read"] });
    const components = await Promise.all([makeComponent(db), makeComponent(db), makeComponent(db)]);
    answeredHere = 0;
    const statuses = ["major_outage", "partial_outage", "degraded_performance"];
    // Requests under way together have no order of their own (the batches' order is tested in
    // status-write-batches.test.ts): one write per component.
    const answers = await Promise.all([
      ...components.map((component, index) => worker.answer(statusPatch(writer.secret, component.id, statuses[index]!))),
      worker.answer(statusPatch(reader.secret, components[0]!.id, "operational")),
      worker.answer(statusPatch(writer.secret, "gone", "operational")),
      worker.answer(statusPatch("not-a-key", components[0]!.id, "operational")),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 403, 404, 401]);
    // All answered by the thread, none by the fallback here.
    expect(answeredHere).toBe(0);
    expect(answers.slice(0, 3).map((answer) => jsonOf(answer).status)).toEqual(statuses);
    expect(jsonOf(answers[3]!).error).toContain("scope");
    expect(answers[0]!.headers).toContainEqual(["content-type", "application/json"]);
    const stored = await db.component.findMany({ where: { id: { in: components.map((c) => c.id) } } });
    expect(components.map((component) => stored.find((s) => s.id === component.id)?.status)).toEqual(statuses);
    const history = await db.componentStatusChange.count({
      where: { componentId: { in: components.map((c) => c.id) }, source: "manual" },
    });
    expect(history).toBe(3);
  });

  it("answers on this thread what a thread that cannot start was handed, and everything after", async () => {
    const key = await makeApiKey(db, { scopes: ["components"] });
    const component = await makeComponent(db);
    const broken = workerFrom("./no-such-worker-module.ts");
    expect((await broken.answer(statusPatch(key.secret, component.id, "major_outage"))).status).toBe(200);
    expect((await broken.answer(statusPatch(key.secret, component.id, "operational"))).status).toBe(200);
    expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("operational");
    await broken.stop();
  });

  it("tells a change handed to a thread that then died that it may have been saved, and answers a read here", async () => {
    const key = await makeApiKey(db, { scopes: ["components"] });
    const component = await makeComponent(db);
    const dying = workerFrom("../../tests/support/api-worker-that-dies.ts");
    // The thread says it is ready before it reads a request, and Node delivers a thread's messages
    // before its exit: both were handed to a started thread, not kept for the fallback.
    const [change, read] = await Promise.all([
      dying.answer(statusPatch(key.secret, component.id, "major_outage")),
      dying.answer(componentsRead(key.secret)),
    ]);
    expect(change.status).toBe(500);
    expect(jsonOf(change).error).toMatch(/may or may not have been saved/);
    expect(read.status).toBe(200);
    // Later requests are answered here.
    expect((await dying.answer(statusPatch(key.secret, component.id, "partial_outage"))).status).toBe(200);
    await dying.stop();
  });

  it("answers the requests it holds before it stops, and those after it here", async () => {
    const own = await ownDatabase();
    const key = await makeApiKey(own.db, { scopes: ["components"] });
    const component = await makeComponent(own.db);
    const stopping = startApiWorker({
      databaseUrl: own.url,
      basePath: "",
      fallback: (request) => answerApiRequest(request, { basePath: "", db: own.db }),
    });
    const held = stopping.answer(statusPatch(key.secret, component.id, "major_outage"));
    const stopped = stopping.stop();
    const after = stopping.answer(statusPatch(key.secret, component.id, "partial_outage"));
    expect((await held).status).toBe(200);
    expect((await after).status).toBe(200);
    await stopped;
    const history = await own.db.componentStatusChange.findMany({ where: { componentId: component.id }, orderBy: { id: "asc" } });
    expect(history.map((change) => change.status)).toContain("major_outage");
  });
});
